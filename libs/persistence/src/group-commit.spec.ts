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
});
