import { CaseRole, DepartmentCaseStatus } from './department-case.entity';

/** Everything a unit does to a case it holds, named as in the API's paths. */
export const CASE_ACTIONS = ['acknowledge', 'note', 'resolve', 'cannot-fix', 'assistant-report', 'return'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** What the table needs to know of a unit's case. */
export interface CaseState {
  role: CaseRole;
  status: DepartmentCaseStatus;
  returnable: boolean;
  returnableUntil: Date | null;
}

interface Rule {
  /** The roles that may take the action. */
  roles: readonly CaseRole[];
  /** The statuses it starts from. */
  from: readonly DepartmentCaseStatus[];
  /** Where it leads; null keeps the status (a note). */
  to: DepartmentCaseStatus | null;
  /** Statuses in which the action already happened: a repeat with the same content answers with the case. */
  repeatIn: readonly DepartmentCaseStatus[];
  /** Why, beyond role and status, the action is not open now; null when it is. */
  unless?: (c: CaseState, now: Date) => string | null;
}

/**
 * The one table of the desk: every action by role and status. The 409 of every action lists
 * `allowedActions()`, computed from this same table, so a client is never told of an action
 * that would be refused.
 */
const RULES: Record<CaseAction, Rule> = {
  acknowledge: { roles: ['lead', 'assistant'], from: ['dispatched'], to: 'acknowledged', repeatIn: ['acknowledged', 'resolved', 'unfixable', 'closed'] },
  note: { roles: ['lead', 'assistant'], from: ['dispatched', 'acknowledged'], to: null, repeatIn: [] },
  resolve: { roles: ['lead'], from: ['acknowledged'], to: 'resolved', repeatIn: ['resolved', 'closed'] },
  'cannot-fix': { roles: ['lead'], from: ['acknowledged'], to: 'unfixable', repeatIn: ['unfixable', 'closed'] },
  'assistant-report': { roles: ['assistant'], from: ['acknowledged'], to: 'resolved', repeatIn: ['resolved', 'closed'] },
  return: {
    roles: ['lead'],
    from: ['dispatched', 'acknowledged'],
    to: 'returned',
    repeatIn: ['returned'],
    unless: (c, now) => {
      if (!c.returnable) return "the command centre's ruling designated your unit (or it was dispatched before returns existed): it cannot be returned";
      if (c.returnableUntil && now > c.returnableUntil) return `the return window ended at ${c.returnableUntil.toISOString()}: it can no longer be returned`;
      return null;
    },
  },
};

export type Decision =
  | { kind: 'move'; to: DepartmentCaseStatus }
  | { kind: 'repeat' }
  | { kind: 'refuse'; reason: string; allowedActions: CaseAction[] };

/** What `action` does to a case in state `c`: move it on, answer a repeat, or refuse it with what is allowed instead. */
export function decide(c: CaseState, action: CaseAction, now: Date): Decision {
  const rule = RULES[action];
  const refuse = (reason: string): Decision => ({ kind: 'refuse', reason, allowedActions: allowedActions(c, now) });
  if (c.status === 'returned' || c.status === 'withdrawn') {
    return c.status === 'returned' && rule.repeatIn.includes(c.status) && rule.roles.includes(c.role)
      ? { kind: 'repeat' }
      : refuse(`it was ${c.status === 'returned' ? 'returned by' : 'withdrawn from'} your unit: it is no longer yours to act on`);
  }
  if (!rule.roles.includes(c.role)) {
    return refuse(c.role === 'copied' ? 'it was copied to your unit for information: the units handling it act on it' : `${action} is for the ${rule.roles.join(' or ')} of a case: your unit is its ${c.role}`);
  }
  if (rule.repeatIn.includes(c.status)) return { kind: 'repeat' };
  if (!rule.from.includes(c.status)) return refuse(`it is ${c.status}: ${action} needs it ${rule.from.join(' or ')}`);
  const blocked = rule.unless?.(c, now);
  return blocked ? refuse(blocked) : { kind: 'move', to: rule.to ?? c.status };
}

/** The actions that would move the case on now (repeats of what already happened are not listed). */
export function allowedActions(c: CaseState, now: Date): CaseAction[] {
  return CASE_ACTIONS.filter((action) => {
    const rule = RULES[action];
    return rule.roles.includes(c.role) && rule.from.includes(c.status) && !rule.unless?.(c, now);
  });
}
