import { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '../dead-letter.publisher';
import { REPLAY_FOR_GROUP_HEADER } from '../inbox/inbox.server';
import { KafkaSettings, kafkaConfig, topicName } from '../kafka.settings';
import { readTopicToEnd } from './topic-snapshot';

export type DeadLetterAction = 'replayed' | 'discarded';

/** One parked message as an operator sees it; `id` is its place on the dead-letter topic. */
export interface DeadLetterEntry {
  id: string;
  sourceTopic: string;
  consumerGroup: string;
  reason: string;
  deadLetteredAt: string;
  /** What an operator did with it already; undefined while it waits. */
  decision?: { action: DeadLetterAction; at: string };
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/** Which dead letters an operator means: some by id, or all that still wait. */
export type Selection = { ids: string[] } | 'all';

export interface Outcome {
  done: string[];
  /** Decided before: a letter is replayed or discarded once. */
  alreadyDecided: string[];
  unknown: string[];
}

/**
 * `npm run dead-letters`: lists the dead-letter topic with each letter's reason and fate,
 * replays letters to the topic they came from for the consumer group that parked them, or
 * discards them. A replay and its record on the decisions topic are one Kafka transaction, so
 * a letter is published again exactly once however often it is replayed; a letter that is
 * still wrong comes back as a new dead letter.
 */
export class DeadLetters {
  private readonly kafka: Kafka;

  constructor(private readonly settings: KafkaSettings) {
    this.kafka = new Kafka(kafkaConfig(settings));
  }

  async list(): Promise<DeadLetterEntry[]> {
    const [letters, decisions] = await Promise.all([
      readTopicToEnd(this.kafka, topicName(this.settings, 'deadLetter')),
      readTopicToEnd(this.kafka, topicName(this.settings, 'deadLetterDecisions')),
    ]);
    const decided = new Map<string, DeadLetterEntry['decision']>();
    for (const { message } of decisions) {
      const { id, action, at } = JSON.parse(message.value!.toString('utf8'));
      if (!decided.has(id)) decided.set(id, { action, at });
    }
    return letters.map(({ partition, message }) => entry(`${partition}-${message.offset}`, message, decided.get(`${partition}-${message.offset}`)));
  }

  replay(selection: Selection): Promise<Outcome> {
    return this.decide(selection, 'replayed', (letter) => ({
      topic: letter.sourceTopic,
      messages: [{ key: letter.key, value: letter.value, headers: { ...letter.headers, [REPLAY_FOR_GROUP_HEADER]: letter.consumerGroup, 'replayed-from': letter.id } }],
    }));
  }

  discard(selection: Selection): Promise<Outcome> {
    return this.decide(selection, 'discarded', () => undefined);
  }

  private async decide(
    selection: Selection,
    action: DeadLetterAction,
    republish: (letter: DeadLetterEntry) => { topic: string; messages: { key: Buffer | null; value: Buffer | null; headers: IHeaders }[] } | undefined,
  ): Promise<Outcome> {
    const letters = await this.list();
    const byId = new Map(letters.map((letter) => [letter.id, letter]));
    const wanted = selection === 'all' ? letters.filter((letter) => !letter.decision).map((letter) => letter.id) : selection.ids;
    const outcome: Outcome = { done: [], alreadyDecided: [], unknown: [] };
    // One transactional id per namespace: a second operator's tool fences off the first.
    const producer = this.kafka.producer({ transactionalId: `${this.settings.namespace}.dead-letters`, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      for (const id of wanted) {
        const letter = byId.get(id);
        if (!letter) outcome.unknown.push(id);
        else if (letter.decision) outcome.alreadyDecided.push(id);
        else {
          const transaction = await producer.transaction();
          try {
            const message = republish(letter);
            if (message) await transaction.send({ ...message, acks: -1 });
            const record = { id, action, at: new Date().toISOString(), sourceTopic: letter.sourceTopic, consumerGroup: letter.consumerGroup };
            await transaction.send({ topic: topicName(this.settings, 'deadLetterDecisions'), acks: -1, messages: [{ key: id, value: JSON.stringify(record) }] });
            await transaction.commit();
          } catch (error) {
            await transaction.abort();
            throw error;
          }
          outcome.done.push(id);
        }
      }
    } finally {
      await producer.disconnect();
    }
    return outcome;
  }
}

function entry(id: string, message: KafkaMessage, decision: DeadLetterEntry['decision']): DeadLetterEntry {
  const all = message.headers ?? {};
  const header = (name: string) => all[name]?.toString() ?? '';
  const ours = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
  return {
    id,
    sourceTopic: header(DEAD_LETTER_HEADERS.sourceTopic),
    consumerGroup: header(DEAD_LETTER_HEADERS.consumerGroup),
    reason: header(DEAD_LETTER_HEADERS.reason),
    deadLetteredAt: new Date(Number(message.timestamp)).toISOString(),
    decision,
    key: message.key,
    value: message.value,
    headers: Object.fromEntries(Object.entries(all).filter(([name]) => !ours.has(name))),
  };
}
