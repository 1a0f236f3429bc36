import { Consumer, IHeaders, Kafka } from 'kafkajs';
import { TopicKey } from '@gridwhistle/contracts';
import { KafkaSettings, kafkaConfig, topicName } from '@gridwhistle/messaging';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads a topic from the beginning into memory, for tests to look at what was published. */
export class TopicReader {
  readonly messages: ReadMessage[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: KafkaSettings,
    private readonly topic: TopicKey,
  ) {}

  async start(): Promise<this> {
    this.consumer = new Kafka(kafkaConfig(this.kafka)).consumer({ groupId: `${this.kafka.namespace}.reader.${this.topic}` });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: topicName(this.kafka, this.topic), fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        this.messages.push({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: stringHeaders(message.headers ?? {}),
        });
      },
    });
    return this;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}

function stringHeaders(headers: IHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
}
