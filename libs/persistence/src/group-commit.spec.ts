import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('writes calls that arrive together in one write, and answers each with its own result', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit(async (items: number[]) => {
      writes.push(items);
      return items.map((n) => n * 10);
    }, 100);
    const results = await Promise.all([1, 2, 3].map((n) => commit.submit(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(writes).toEqual([[1, 2, 3]]);
  });

  it('gathers calls made while a write is in flight into the next write, up to the batch limit', async () => {
    const writes: number[][] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const commit = new GroupCommit(async (items: number[]) => {
      writes.push(items);
      if (writes.length === 1) await firstWrite;
      return items;
    }, 2);
    const first = commit.submit(0);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [1, 2, 3].map((n) => commit.submit(n));
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3]);
    expect(writes).toEqual([[0], [1, 2], [3]]);
  });

  it('when a shared write fails, writes its items one by one so only the bad one fails', async () => {
    const commit = new GroupCommit(async (items: number[]) => {
      if (items.includes(2)) throw new Error(`cannot write ${items.join(',')}`);
      return items;
    }, 100);
    const results = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('cannot write 2') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  it('puts no more weight in one write than allowed, but always at least one item', async () => {
    const writes: number[][] = [];
    const commit = new GroupCommit(
      async (items: number[]) => {
        writes.push(items);
        return items;
      },
      10,
      (n) => n,
    );
    await Promise.all([4, 5, 3, 12, 1].map((n) => commit.submit(n)));
    expect(writes).toEqual([[4, 5], [3], [12], [1]]);
  });

  describe('with transient failures (the database away, a commit whose outcome is unknown)', () => {
    const transient = new Error('Connection terminated unexpectedly');
    const retry = (withinMs: number) => ({ isTransient: async (error: unknown) => error === transient, withinMs });

    it('writes the same items again, together, so that a commit that did succeed is found and not repeated', async () => {
      const stored = new Map<string, string>(); // id → what was reported
      const writes: { id: string }[][] = [];
      const commit = new GroupCommit(
        async (items: { id: string; text: string }[]) => {
          writes.push(items);
          for (const item of items) if (!stored.has(item.id)) stored.set(item.id, item.text);
          if (writes.length === 1) throw transient; // committed, but the answer was lost
          return items.map((item) => item.id);
        },
        100,
        undefined,
        retry(5000),
      );
      const reports = ['a', 'b', 'c'].map((text, i) => ({ id: `case-${i}`, text }));
      expect(await Promise.all(reports.map((report) => commit.submit(report)))).toEqual(['case-0', 'case-1', 'case-2']);
      expect(writes).toHaveLength(2);
      expect(writes[1]).toEqual(writes[0]); // the same items with the same ids, not split, not renamed
      expect(stored.size).toBe(3);
    });

    it('gives every call the failure once the time for retries is up, without writing them one by one', async () => {
      const writes: number[][] = [];
      const commit = new GroupCommit(
        async (items: number[]) => {
          writes.push(items);
          throw transient;
        },
        100,
        undefined,
        retry(250),
      );
      const results = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(writes.length).toBeGreaterThan(1);
      expect(writes.every((items) => items.length === 3)).toBe(true);
    });

    it('still writes items one by one after a failure that is not transient', async () => {
      const writes: number[][] = [];
      const commit = new GroupCommit(
        async (items: number[]) => {
          writes.push(items);
          if (items.includes(2)) throw new Error('bad item');
          return items;
        },
        100,
        undefined,
        retry(5000),
      );
      const results = await Promise.allSettled([1, 2, 3].map((n) => commit.submit(n)));
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(writes).toEqual([[1, 2, 3], [1], [2], [3]]);
    });
  });
});
