import fc from 'fast-check';
import { EMERGENCY_NUMBERS, REQUEST_KINDS } from '@gridwhistle/contracts';
import { diversionOf } from './diversion';

const text = fc.string({ minLength: 1, maxLength: 50 });
const category = fc.record({
  emergencyNumber: fc.option(fc.constantFrom(...EMERGENCY_NUMBERS), { nil: null }),
  referral: fc.option(text, { nil: null }),
  answer: fc.option(text, { nil: null }),
});

describe('diversion before dispatch', () => {
  it('answers an emergency with its number, whatever the kind of request', () => {
    fc.assert(
      fc.property(category, fc.constantFrom(...REQUEST_KINDS), fc.constantFrom(...EMERGENCY_NUMBERS), (c, kind, number) => {
        const diversion = diversionOf({ ...c, emergencyNumber: number }, kind);
        expect(diversion).toMatchObject({ kind: 'emergency', emergencyNumber: number });
        expect(diversion!.answer).toContain(number);
      }),
    );
  });

  it('answers a matter outside every unit\u2019s duty with where to go', () => {
    fc.assert(
      fc.property(category, fc.constantFrom(...REQUEST_KINDS), text, (c, kind, referral) => {
        expect(diversionOf({ ...c, emergencyNumber: null, referral }, kind)).toEqual({ kind: 'outside_duty', answer: referral });
      }),
    );
  });

  it('answers only a consultation with its category\u2019s answer, and dispatches every other request', () => {
    fc.assert(
      fc.property(fc.option(text, { nil: null }), fc.constantFrom(...REQUEST_KINDS), (answer, kind) => {
        const diversion = diversionOf({ emergencyNumber: null, referral: null, answer }, kind);
        if (kind === 'consultation' && answer) expect(diversion).toEqual({ kind: 'consultation_answered', answer });
        else expect(diversion).toBeUndefined();
      }),
    );
  });
});
