/* eslint-disable @typescript-eslint/no-explicit-any -- directory documents are changed field by field */
import fc from 'fast-check';
import { Directory } from '../directory/directory';
import { DirectoryDocument } from '../directory/directory.document';
import { validateDirectory } from '../directory/directory.validator';
import { sampleDirectory } from '../directory/sample-directory';

/** Generators shared by the decision engines' property tests. */
export const sample = new Directory(1, validateDirectory(sampleDirectory()));
const document = sampleDirectory();
export const grids = sample.flatAreas().filter((a) => a.level === 'grid').map((a) => a.code);
export const categories = document.categories.map((c: any) => c.code);
const units = document.units.map((u: any) => u.code);
const areas = sample.flatAreas().map((a) => a.code);
const ref = fc.oneof(fc.record({ unit: fc.constantFrom(...units) }), fc.record({ locality: fc.constantFrom('community', 'street') }));
/** Catalogues and responsibility lists as anyone might write them, never validated: the engine must hold on its own. */
export const anyDirectory = fc
  .record({
    catalogue: fc.array(
      fc.record({ category: fc.constantFrom(...categories), area: fc.option(fc.constantFrom(...areas), { nil: undefined }), lead: ref, assisting: fc.array(ref, { maxLength: 4 }) }),
      { minLength: 1, maxLength: 60 },
    ),
    negative: fc.subarray(categories),
    handles: fc.subarray(categories),
  })
  .map(({ catalogue, negative, handles }) => {
    const spoiled = sampleDirectory();
    spoiled.catalogue = catalogue.map((item, i) => ({ ...item, id: `P${i}`, basis: 'property test' }));
    spoiled.responsibilities = { communityHandles: handles, communityAssists: [], negative };
    return new Directory(7, spoiled as DirectoryDocument);
  });
/** Intake answers emergencies and matters outside every duty itself: routing only ever sees the other categories. */
const dispatchable = document.categories.filter((c: any) => !c.emergencyNumber && !c.referral).map((c: any) => c.code);
export const anyCase = fc.record({ categoryCode: fc.constantFrom(...dispatchable), gridCode: fc.constantFrom(...grids) });
/** A directory and a case, mostly of a category its catalogue has entries for (else most cases would simply await triage). */
export const anyDirectoryAndCase = anyDirectory.chain((directory) =>
  fc.tuple(
    fc.constant(directory),
    fc.record({
      categoryCode: fc.oneof({ arbitrary: fc.constantFrom(...directory.document.catalogue.map((i) => i.category)), weight: 4 }, fc.constantFrom(...categories)),
      gridCode: fc.constantFrom(...grids),
    }),
  ),
);
