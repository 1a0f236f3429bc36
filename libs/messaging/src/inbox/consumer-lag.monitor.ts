import { Logger } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { Gauge, Registry } from 'prom-client';
import { KafkaSettings, kafkaConfig } from '../kafka.settings';

/**
 * The consumer group's lag on each topic it reads: the topic's end offsets minus the group's
 * committed offsets, summed over partitions. Asking the brokers costs two admin requests a
 * topic, so it is measured every `intervalMs` and the last measurement served to every scrape.
 */
export class ConsumerLagMonitor {
  private readonly logger = new Logger(ConsumerLagMonitor.name);
  private readonly gauge: Gauge;
  private admin?: Admin;
  private timer?: NodeJS.Timeout;
  private measuring?: Promise<void>;
  private connected = false;

  constructor(
    private readonly kafka: KafkaSettings,
    private readonly groupId: string,
    registry: Registry,
  ) {
    this.gauge = new Gauge({
      name: 'gridwhistle_consumer_lag_messages',
      help: 'Events on a topic not yet committed by the consumer group',
      labelNames: ['group', 'topic'],
      registers: [registry],
    });
  }

  /** Measures now and every `intervalMs`, in the background: a broker that does not answer delays no start. */
  start(topics: string[], intervalMs: number): void {
    this.admin = new Kafka(kafkaConfig({ ...this.kafka, clientId: `${this.kafka.clientId}-lag` })).admin();
    const measure = () => (this.measuring ??= this.measure(topics).finally(() => (this.measuring = undefined)));
    void measure();
    this.timer = setInterval(measure, intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.measuring;
    await this.admin?.disconnect();
    this.admin = undefined;
    this.connected = false;
  }

  private async measure(topics: string[]): Promise<void> {
    const admin = this.admin!;
    try {
      if (!this.connected) await admin.connect();
      this.connected = true;
      const committed = await admin.fetchOffsets({ groupId: this.groupId, topics });
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        const done = new Map(committed.find((c) => c.topic === topic)?.partitions.map((p) => [p.partition, Number(p.offset)]) ?? []);
        // A partition the group never committed on is behind by all it still holds (from its low offset).
        const lag = ends.reduce((sum, p) => sum + Number(p.high) - Math.max(done.get(p.partition) ?? -1, Number(p.low)), 0);
        this.gauge.set({ group: this.groupId, topic }, lag);
      }
    } catch (error) {
      this.logger.warn(`measuring consumer lag failed, will retry: ${(error as Error).message}`);
    }
  }
}
