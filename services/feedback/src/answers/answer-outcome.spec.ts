import fc from 'fast-check';
import { RATINGS } from '@gridwhistle/contracts';
import { decide, outcomeOf } from './answer-outcome';

describe('what an answer amounts to', () => {
  it('tells "solved but unsatisfied" from "satisfied but not solved"', () => {
    expect(outcomeOf({ solved: true, rating: 'satisfied' })).toBe('solved_satisfied');
    expect(outcomeOf({ solved: true, rating: 'basically_satisfied' })).toBe('solved_satisfied');
    expect(outcomeOf({ solved: true, rating: 'unsatisfied' })).toBe('solved_unsatisfied');
    expect(outcomeOf({ solved: false, rating: 'satisfied' })).toBe('unsolved_satisfied');
    expect(outcomeOf({ solved: false, rating: 'basically_satisfied' })).toBe('unsolved_satisfied');
    expect(outcomeOf({ solved: false, rating: 'unsatisfied' })).toBe('unsolved_unsatisfied');
  });

  it('closes only a solved and satisfied case; reopens the others one level higher until the limit, then escalates', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.constantFrom(...RATINGS), fc.nat(12), fc.nat(10), (solved, rating, reopenCount, limit) => {
        const outcome = outcomeOf({ solved, rating });
        const decision = decide(outcome, reopenCount, limit);
        if (solved && rating !== 'unsatisfied') return decision.kind === 'close';
        if (reopenCount >= limit) return decision.kind === 'escalate';
        return decision.kind === 'reopen' && decision.reopenCount === reopenCount + 1 && decision.supervisionLevel === reopenCount + 1;
      }),
    );
  });
});
