import { ApiUuidParam, UUID_EXAMPLE, UuidParam } from '@gridwhistle/platform';

/** What every route on one case says alike in /openapi.json. */
export const CaseId = () => UuidParam('id');
export const ApiCaseId = () => ApiUuidParam('id', 'The case\u2019s id.');
export const BAD_CASE_ID = { description: '`id` is not a UUID.', errors: [{ field: 'id', message: 'id must be a UUID' }] };
export const NOT_YOURS = {
  description: 'No case with this id was dispatched to your department (another department\u2019s case looks the same).',
  detail: `no case ${UUID_EXAMPLE} for your department`,
};
export const STALE = 'Your `If-Match` is not the case\u2019s version any more: read it again (`currentVersion`) and decide anew.';
