import { Logger } from '@nestjs/common';
import { Consumer, TopicPartitionOffset } from 'kafkajs';

/**
 * Commits handled offsets to Kafka at most once per interval instead of after every batch:
 * each commit is a request the broker has to serve, and the inbox makes the redelivery of
 * the last interval's events after a crash or a rebalance harmless.
 */
export class OffsetCommitter {
  private readonly logger = new Logger(OffsetCommitter.name);
  private readonly pending = new Map<string, TopicPartitionOffset>();
  private timer?: NodeJS.Timeout;
  private committing?: Promise<void>;

  constructor(
    private readonly consumer: Pick<Consumer, 'commitOffsets'>,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.commit(), this.intervalMs);
  }

  /** Everything up to and including `lastOffset` on this partition is handled. */
  handled(topic: string, partition: number, lastOffset: string): void {
    this.pending.set(`${topic}/${partition}`, { topic, partition, offset: (BigInt(lastOffset) + 1n).toString() });
  }

  /** Commits what is pending; also called on shutdown so that a clean stop redelivers nothing. */
  async commit(): Promise<void> {
    await this.committing;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.entries()];
    this.pending.clear();
    this.committing = this.consumer
      .commitOffsets(offsets.map(([, offset]) => offset))
      .catch((error: Error) => {
        // Mostly a rebalance in progress: keep the offsets for the next try unless newer ones came.
        for (const [key, offset] of offsets) if (!this.pending.has(key)) this.pending.set(key, offset);
        this.logger.warn(`committing offsets failed, will retry: ${error.message}`);
      })
      .finally(() => (this.committing = undefined));
    await this.committing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.commit();
  }
}
