import { Logger } from '@nestjs/common';
import { Producer } from 'kafkajs';
import { Counter, Registry } from 'prom-client';
import { KafkaSettings, topicName } from './kafka.settings';

export interface DeadLetter {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  reason: string;
}

/**
 * Parks a message that cannot be handled on the dead-letter topic, with where it came from
 * and why, so that its partition keeps moving and an operator can replay it later.
 */
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private readonly counter: Counter;

  constructor(
    private readonly producer: Producer,
    private readonly kafka: Pick<KafkaSettings, 'namespace'>,
    private readonly consumerGroup: string,
    registry: Registry,
  ) {
    this.counter = new Counter({
      name: 'gridwhistle_dead_letters_total',
      help: 'Messages parked on the dead-letter topic',
      labelNames: ['topic'],
      registers: [registry],
    });
  }

  /** The topics whose dead letters are counted, on /metrics from the start: zero is an answer, a missing series is not. */
  expect(topics: string[]): void {
    for (const topic of topics) this.counter.inc({ topic }, 0);
  }

  async publish(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.producer.send({
      topic: topicName(this.kafka, 'deadLetter'),
      acks: -1,
      messages: letters.map((letter) => ({
        key: letter.key,
        value: letter.value,
        headers: {
          'dead-letter-reason': letter.reason.slice(0, 2000),
          'source-topic': letter.topic,
          'source-partition': String(letter.partition),
          'source-offset': letter.offset,
          'consumer-group': this.consumerGroup,
        },
      })),
    });
    for (const letter of letters) {
      this.counter.inc({ topic: letter.topic });
      // The reason names fields and rules, never values: safe to log.
      this.logger.warn(`dead-lettered ${letter.topic}[${letter.partition}]@${letter.offset}: ${letter.reason}`);
    }
  }
}
