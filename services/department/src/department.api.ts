import { ServiceApi } from '@gridwhistle/platform';

export const DEPARTMENT_API: ServiceApi = {
  title: 'GridWhistle department',
  description: `
Departments report in (部门报到): each sees the cases dispatched to it, acknowledges them (签收)
and resolves them (办结) with what was done. Every route needs the department's API key and
sees only that department's cases; another department's case answers 404, as if it did not exist.

A case moves \`dispatched\` → \`acknowledged\` → \`resolved\`, and to \`closed\` once the resident is
satisfied. Repeating an action that already happened answers with the case as it is.

Each case carries the unit's deadlines (签收, 首次联系, 办结) and the supervision (督办) it is
under; the lead asks for more time (延期), pauses the clocks while the case waits on the
resident or a third party, and records its first contact.`,
  tags: { cases: 'The cases dispatched to your department, and what you do with them.' },
};
