import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { describeFailure } from './failure';

/** Inbox entries deleted per statement, so that no delete holds its locks for long. */
const CHUNK = 10_000;

/**
 * Forgets handled event ids once they are older than the retention: the broker no longer
 * holds those events, so none of them can be delivered again.
 */
export class InboxPruner {
  private readonly logger = new Logger(InboxPruner.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly schema: string,
    private readonly retentionHours: number,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.prune(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async prune(): Promise<void> {
    try {
      for (;;) {
        const [, deleted] = await this.dataSource.query(
          `DELETE FROM "${this.schema}".inbox WHERE event_id IN (
             SELECT event_id FROM "${this.schema}".inbox
             WHERE handled_at < now() - make_interval(hours => $1) LIMIT ${CHUNK})`,
          [this.retentionHours],
        );
        if (deleted < CHUNK) return;
      }
    } catch (error) {
      this.logger.warn(`pruning the inbox failed, will retry: ${describeFailure(error)}`);
    }
  }
}
