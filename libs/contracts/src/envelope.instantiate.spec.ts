import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { EVENT_CATALOG, EVENT_TYPES, InvalidEventError, parseEvent } from '.';

/** What parseEvent made of a payload before its copying shortcut: class-transformer, then class-validator. */
function throughClassTransformer(payloadClass: new () => object, payload: object): { ok: object } | { failed: string[] } {
  const instance = plainToInstance(payloadClass, payload);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  return errors.length === 0 ? { ok: { ...instance } } : { failed: reasons(errors) };
}

function reasons(errors: ValidationError[], path = 'payload'): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`),
    ...reasons(error.children ?? [], `${path}.${error.property}`),
  ]);
}

function throughParseEvent(type: string, version: number, producer: string, payload: object): { ok: object } | { failed: string[] } {
  try {
    const event = parseEvent({ id: randomUUID(), type, version, caseId: randomUUID(), occurredAt: new Date().toISOString(), producer, payload });
    return { ok: event.payload };
  } catch (error) {
    return { failed: (error as InvalidEventError).reasons };
  }
}

const primitive = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom('kaizhou.g01', 'hotline', 'satisfied', '2026-01-01T00:00:00.000Z'));
const flatValue = fc.oneof(primitive, fc.array(primitive, { maxLength: 3 }));

describe('parseEvent reads payloads as class-transformer would', () => {
  const versions = EVENT_TYPES.flatMap((type) =>
    Object.entries(EVENT_CATALOG[type].versions).map(([version, payloadClass]) => ({ type, version: Number(version), payloadClass: payloadClass as new () => object, producer: EVENT_CATALOG[type].producer })),
  );

  it.each(versions)('$type v$version: the same payload or the same broken fields, whatever the payload holds', ({ type, version, payloadClass, producer }) => {
    const keys = validateSync(new payloadClass()).map((error) => error.property);
    const payload = fc.dictionary(fc.constantFrom(...keys, 'unknownField', 'nested'), fc.oneof(flatValue, fc.object({ maxDepth: 1 })));
    fc.assert(
      fc.property(payload, (plain) => {
        expect(throughParseEvent(type, version, producer, plain)).toEqual(throughClassTransformer(payloadClass, plain));
      }),
      { numRuns: 200 },
    );
  });
});
