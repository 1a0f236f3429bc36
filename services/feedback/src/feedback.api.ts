import { ServiceApi } from '@gridwhistle/platform';

export const FEEDBACK_API: ServiceApi = {
  title: 'GridWhistle feedback',
  description: `
The resident answers (回访, 评单) once a department has resolved the case: was it solved, how
satisfied, a comment. The call centre records hotline residents' answers here; residents of web
and app cases answer on a page behind a signed, single-use link that intake sends them. Solved
and (basically) satisfied closes the case (销号); any other answer sends it back to its lead unit
(重办), past the policy's reopen limit to the command centre; no answer within the policy's
window closes it as "no feedback". Services hear of a resolution within milliseconds over Kafka:
an answer sent the instant a case is resolved may get a 404 and should be retried.`,
  tags: {
    feedback: 'The resident\u2019s answer, recorded by the call centre.',
    resident: 'The resident\u2019s own page (HTML, in Chinese), behind the link they received.',
  },
};
