/**
 * Every Kafka topic of GridWhistle. Each producing service owns one stream of case events,
 * keyed by case id, so that all events of one case from one producer stay in order.
 * Names are logical; the messaging layer prefixes them with the deployment's namespace.
 */
export const TOPICS = {
  intake: { name: 'intake.case-events', partitions: 12 },
  routing: { name: 'routing.case-events', partitions: 12 },
  department: { name: 'department.case-events', partitions: 12 },
  feedback: { name: 'feedback.case-events', partitions: 12 },
  deadLetter: { name: 'dead-letter', partitions: 3 },
  /** What operators did with each dead letter (replayed, discarded), so each is done once. */
  deadLetterDecisions: { name: 'dead-letter.decisions', partitions: 1 },
} as const;

export type TopicKey = keyof typeof TOPICS;

/** The services that produce events; also the `producer` field of every envelope. */
export const PRODUCERS = ['intake', 'routing', 'department', 'feedback'] as const;
export type Producer = (typeof PRODUCERS)[number];
