import { ServiceApi } from '@gridwhistle/platform';

export const DEPARTMENT_API: ServiceApi = {
  title: 'GridWhistle department',
  description: `
Departments report in (部门报到): each sees the cases dispatched to it, acknowledges them (签收)
and resolves them (办结) with what was done. Every route needs the department's API key and
sees only that department's cases; another department's case answers 404, as if it did not exist.

A case moves \`dispatched\` → \`acknowledged\` → \`resolved\` (or \`unfixable\`, closed as cannot be
fixed), and to \`closed\` once the resident is satisfied; progress notes may be written on the
way. Repeating an action that already happened answers with the case as it is; an action that
does not fit answers 409 with the actions allowed. Every case carries an \`ETag\`: send it back
as \`If-Match\` and an action on a case someone changed since answers 412.

A case may be held by several units (首接负责): one lead, its assistants (协办), who each report
their part to the lead, and units copied (抄送), who only read. The lead resolves once every
assistant has reported, or says why it does not wait.

Each case carries the unit's deadlines (签收, 首次联系, 办结) and the supervision (督办) it is
under; the lead asks for more time (延期), pauses the clocks while the case waits on the
resident or a third party, and records its first contact.`,
  tags: {
    cases: 'The cases dispatched to your department, and what you do with them.',
    events: 'Your unit\u2019s change feed: everything that happened to its cases, in order.',
    webhooks: 'Your change feed pushed to your own system, signed per Standard Webhooks, retried for more than a day.',
  },
};
