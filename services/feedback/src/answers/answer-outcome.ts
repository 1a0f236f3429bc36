import { GradedOutcome, Rating } from '@gridwhistle/contracts';

/** The answer of a resident (or of the call centre for them): was it solved, how satisfied, a comment. */
export interface Answer {
  solved: boolean;
  rating: Rating;
  comment?: string;
}

/** What the answer amounts to: only solved and (basically) satisfied is a good result. */
export function outcomeOf(answer: Pick<Answer, 'solved' | 'rating'>): GradedOutcome {
  const satisfied = answer.rating !== 'unsatisfied';
  if (answer.solved) return satisfied ? 'solved_satisfied' : 'solved_unsatisfied';
  return satisfied ? 'unsolved_satisfied' : 'unsolved_unsatisfied';
}

export type Decision = { kind: 'close' } | { kind: 'reopen'; reopenCount: number; supervisionLevel: number } | { kind: 'escalate' };

/**
 * A good result closes the case; any other sends it back (重办) with supervision one level
 * higher, until the policy's number of reopenings is spent: then it goes to the command centre.
 */
export function decide(outcome: GradedOutcome, reopenCount: number, reopenLimit: number): Decision {
  if (outcome === 'solved_satisfied') return { kind: 'close' };
  if (reopenCount >= reopenLimit) return { kind: 'escalate' };
  return { kind: 'reopen', reopenCount: reopenCount + 1, supervisionLevel: reopenCount + 1 };
}
