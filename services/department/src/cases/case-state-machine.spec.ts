import fc from 'fast-check';
import { CASE_ROLES, DEPARTMENT_CASE_STATUSES } from './department-case.entity';
import { CASE_ACTIONS, CaseState, allowedActions, decide } from './case-state-machine';

const NOW = new Date('2026-11-23T08:00:00.000Z');
const state = fc.record({
  role: fc.constantFrom(...CASE_ROLES),
  status: fc.constantFrom(...DEPARTMENT_CASE_STATUSES),
  returnable: fc.boolean(),
  returnableUntil: fc.option(fc.date({ min: new Date('2026-11-20T00:00:00Z'), max: new Date('2026-11-26T00:00:00Z'), noInvalidDate: true })),
});
const action = fc.constantFrom(...CASE_ACTIONS);

describe('the desk\u2019s state machine', () => {
  it('answers every (role, status, action) with a move, a repeat, or a refusal listing exactly the actions that move', () => {
    fc.assert(
      fc.property(state, action, (c, a) => {
        const decision = decide(c, a, NOW);
        const allowed = allowedActions(c, NOW);
        // The listed actions are exactly those the same table would carry out.
        expect(allowed).toEqual(CASE_ACTIONS.filter((other) => decide(c, other, NOW).kind === 'move'));
        if (decision.kind === 'refuse') {
          expect(decision.allowedActions).toEqual(allowed);
          expect(decision.allowedActions).not.toContain(a);
          expect(decision.reason.length).toBeGreaterThan(0);
        } else if (decision.kind === 'move') {
          expect(allowed).toContain(a);
          expect(DEPARTMENT_CASE_STATUSES).toContain(decision.to);
        } else {
          expect(allowed).not.toContain(a);
        }
      }),
    );
  });

  it('lets a copied unit and a unit whose hold ended move nothing, and a note never change the status', () => {
    fc.assert(
      fc.property(state, action, (c, a) => {
        const decision = decide(c, a, NOW);
        if (c.role === 'copied' || c.status === 'withdrawn' || c.status === 'closed') expect(decision.kind).not.toBe('move');
        if (a === 'note' && decision.kind === 'move') expect(decision.to).toBe(c.status);
        // Only the lead ends the handling, and only after acknowledging it; "cannot be fixed" is never "resolved".
        if ((a === 'resolve' || a === 'cannot-fix') && decision.kind === 'move') {
          expect([c.role, c.status]).toEqual(['lead', 'acknowledged']);
          expect(decision.to).toBe(a === 'resolve' ? 'resolved' : 'unfixable');
        }
        if (a === 'return' && decision.kind === 'move') {
          expect(c.returnable && (!c.returnableUntil || c.returnableUntil >= NOW)).toBe(true);
        }
      }),
    );
  });

  it('walks any sequence of actions from a dispatch through known statuses, and a repeat after a move answers as a repeat', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CASE_ROLES), fc.array(action, { maxLength: 12 }), (role, actions) => {
        let c: CaseState = { role, status: 'dispatched', returnable: true, returnableUntil: null };
        for (const a of actions) {
          const decision = decide(c, a, NOW);
          if (decision.kind !== 'move') continue;
          const before = c.status;
          c = { ...c, status: decision.to };
          if (decision.to !== before) expect(decide(c, a, NOW).kind).toBe('repeat');
        }
        expect(DEPARTMENT_CASE_STATUSES).toContain(c.status);
      }),
    );
  });

  it('tells a lead what it may do at each step', () => {
    const lead = (status: CaseState['status']): CaseState => ({ role: 'lead', status, returnable: true, returnableUntil: null });
    expect(allowedActions(lead('dispatched'), NOW)).toEqual(['acknowledge', 'note', 'return']);
    expect(allowedActions(lead('acknowledged'), NOW)).toEqual(['note', 'resolve', 'cannot-fix', 'return']);
    expect(allowedActions({ ...lead('acknowledged'), role: 'assistant' }, NOW)).toEqual(['note', 'assistant-report']);
    expect(allowedActions(lead('resolved'), NOW)).toEqual([]);
    expect(decide(lead('dispatched'), 'resolve', NOW)).toEqual({ kind: 'refuse', reason: 'it is dispatched: resolve needs it acknowledged', allowedActions: ['acknowledge', 'note', 'return'] });
  });
});
