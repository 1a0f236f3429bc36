import fc from 'fast-check';
import { DirectoryDocument } from './directory.document';
import { diffDirectories } from './directory.diff';
import { sampleDirectory } from './sample-directory';

const sample = () => sampleDirectory() as DirectoryDocument;

describe('the directory diff', () => {
  it('finds nothing between a version and itself, whatever the order of keys', () => {
    const reversed = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reversed)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([key, v]) => [key, reversed(v)]))
          : value;
    const diff = diffDirectories(sample(), reversed(sample()) as DirectoryDocument);
    expect(diff.changed).toBe(false);
    expect(diff.units).toEqual({ added: [], removed: [], changed: [] });
  });

  it('names what an operator changed, part by part, by code', () => {
    const before = sample();
    const after = sample();
    after.version = before.version + 1;
    after.units = after.units.filter((u) => u.code !== 'ecology');
    after.units.push({ code: 'transport', name: '区交通局', kind: 'department' });
    after.categories.find((c) => c.code === 'manhole_cover')!.name = '井盖缺失或破损';
    after.catalogue[0].basis = '新的依据';
    after.responsibilities.negative.push('elderly_alone');
    after.areas.children[0].children[0].children[0].geometry!.coordinates[0][0][0] += 0.0001;

    const diff = diffDirectories(before, after);
    expect(diff).toMatchObject({ from: before.version, to: after.version, changed: true });
    expect(diff.units).toEqual({ added: ['transport'], removed: ['ecology'], changed: [] });
    expect(diff.categories.changed).toEqual([{ code: 'manhole_cover', fields: [{ field: 'name', before: expect.any(String), after: '井盖缺失或破损' }] }]);
    expect(diff.catalogue.changed).toEqual([{ code: before.catalogue[0].id, fields: [{ field: 'basis', before: before.catalogue[0].basis, after: '新的依据' }] }]);
    expect(diff.lists.negative).toEqual({ added: ['elderly_alone'], removed: [] });
    // A polygon is named as changed, not printed.
    expect(diff.areas.changed).toEqual([{ code: before.areas.children[0].children[0].children[0].code, fields: [{ field: 'geometry' }] }]);
  });

  it('is symmetric: what one direction adds, the other removes, and the same items change', () => {
    const document = sample();
    const units = document.units.map((u) => u.code);
    const policies = document.deadlinePolicies.map((p) => p.code);
    fc.assert(
      fc.property(fc.subarray(units), fc.subarray(units), fc.subarray(policies), (dropped, renamed, shortened) => {
        const changed = sample();
        changed.units = changed.units.filter((u) => !dropped.includes(u.code)).map((u) => (renamed.includes(u.code) ? { ...u, name: `${u.name}（新）` } : u));
        changed.deadlinePolicies = changed.deadlinePolicies.map((p) => (shortened.includes(p.code) ? { ...p, respondWithinHours: p.respondWithinHours / 2 } : p));
        const forward = diffDirectories(document, changed);
        const backward = diffDirectories(changed, document);
        expect(forward.units.removed.sort()).toEqual([...dropped].sort());
        expect(backward.units.added.sort()).toEqual(forward.units.removed);
        expect(forward.units.changed.map((c) => c.code).sort()).toEqual(renamed.filter((code) => !dropped.includes(code)).sort());
        expect(backward.units.changed.map((c) => c.code).sort()).toEqual(forward.units.changed.map((c) => c.code).sort());
        expect(forward.deadlinePolicies.changed.map((c) => c.code).sort()).toEqual([...shortened].sort());
        expect(forward.changed).toBe(dropped.length + renamed.length + shortened.length > 0);
      }),
      { numRuns: 50 },
    );
  });
});
