import { ServiceApi } from '@gridwhistle/platform';

export const FEEDBACK_API: ServiceApi = {
  title: 'GridWhistle feedback',
  description: `
The resident grades the result (回访, 评单) once a department has resolved the case: the call
centre records the rating here. \`satisfied\` and \`basically_satisfied\` close the case (销号);
\`unsatisfied\` keeps it open. Services hear of a resolution within milliseconds over Kafka: a
rating sent the instant a case is resolved may get a 404 and should be retried.`,
  tags: { feedback: 'The resident\u2019s rating of the result.' },
};
