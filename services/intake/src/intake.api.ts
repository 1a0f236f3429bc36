import { ServiceApi } from '@gridwhistle/platform';

export const INTAKE_API: ServiceApi = {
  title: 'GridWhistle intake',
  description: `
Accepts cases (受理) from the channels: the 12345 hotline and its integrations, grid workers'
apps (网格吹哨), residents. Routing then dispatches each case to the department that must handle
it; intake follows the case around the loop and keeps its public status and timeline.

Report with codes from the reference data: \`GET /v1/categories\`, \`GET /v1/areas\` (a grid code)
and \`GET /v1/channels\`. Follow a case at \`GET /v1/cases/{id}\`: statuses move forward only,
\`reported\` → \`dispatched\` → \`acknowledged\` → \`resolved\` → \`closed\`. The reporter's name and
phone are encrypted at rest and never returned.`,
  tags: {
    cases: 'Reporting a case and following it.',
    reference: 'The codes a report uses: categories, areas and channels.',
    open311: 'Open311 GeoReport v2 at /open311/v2/ (XML or JSON by suffix), with the servicerequestupdates extension; errors in Open311\u2019s own format.',
  },
};
