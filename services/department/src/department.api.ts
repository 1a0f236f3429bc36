import { ServiceApi } from '@gridwhistle/platform';

export const DEPARTMENT_API: ServiceApi = {
  title: 'GridWhistle department',
  description: `
Departments report in (部门报到): each sees the cases dispatched to it, acknowledges them (签收)
and resolves them (办结) with what was done. Every route needs the department's API key and
sees only that department's cases; another department's case answers 404, as if it did not exist.

A case moves \`dispatched\` → \`acknowledged\` → \`resolved\`, and to \`closed\` once the resident is
satisfied. Repeating an action that already happened answers with the case as it is.`,
  tags: {
    cases: 'The cases dispatched to your department, and what you do with them.',
    events: 'Your unit\u2019s change feed: everything that happened to its cases, in order.',
    webhooks: 'Your change feed pushed to your own system, signed per Standard Webhooks, retried for more than a day.',
  },
};
