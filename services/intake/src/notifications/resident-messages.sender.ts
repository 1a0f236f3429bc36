import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PeriodicTask } from '@gridwhistle/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { EventEnvelope, signFeedbackLink } from '@gridwhistle/contracts';
import { describeFailure } from '@gridwhistle/messaging';
import { ReporterCipher } from '../privacy/reporter-cipher';
import { ResidentNotifier } from './resident-notifier';

export class FeedbackLinkSettings {
  constructor(
    readonly key: Buffer,
    readonly pageUrl: string,
  ) {}
}

const INTERVAL_MS = 2_000;
const BATCH = 20;

interface Due {
  nonce: string;
  case_id: string;
  expires_at: Date;
  attempts: number;
  reporter: Buffer | null;
}

/**
 * Sends residents their feedback links. feedback asks for a link (case.feedback_requested: a
 * nonce and an expiry, no personal data); intake, which alone holds the contact, keeps the
 * request, signs the link with the key it shares with feedback and sends it through the
 * notifier, retrying with backoff while the gateway is down.
 */
@Injectable()
export class ResidentMessagesSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ResidentMessagesSender.name);
  private readonly task = new PeriodicTask('sending feedback links', INTERVAL_MS, describeFailure);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifier: ResidentNotifier,
    private readonly cipher: ReporterCipher,
    private readonly links: FeedbackLinkSettings,
  ) {}

  /** Keeps each request once (a redelivered event changes nothing). */
  static async keep(manager: EntityManager, requested: EventEnvelope<'case.feedback_requested'>[]): Promise<void> {
    await manager.query(
      `INSERT INTO intake.resident_messages (nonce, case_id, expires_at)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::timestamptz[]) ON CONFLICT (nonce) DO NOTHING`,
      [requested.map((e) => e.payload.nonce), requested.map((e) => e.caseId), requested.map((e) => e.payload.expiresAt)],
    );
  }

  onApplicationBootstrap(): void {
    this.task.start(() => this.sendDue(), (message) => this.logger.warn(message));
  }

  onApplicationShutdown(): Promise<void> {
    return this.task.stop();
  }

  /** Sends what is due; returns how many messages went out. */
  async sendDue(now = new Date()): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: Due[] = await manager.query(
        `SELECT m.nonce, m.case_id, m.expires_at, m.attempts, c.reporter
           FROM intake.resident_messages m LEFT JOIN intake.cases c ON c.id = m.case_id
          WHERE m.status = 'pending' AND m.next_attempt_at <= $1
          ORDER BY m.next_attempt_at LIMIT ${BATCH} FOR UPDATE OF m SKIP LOCKED`,
        [now],
      );
      let sent = 0;
      for (const message of due) {
        const outcome = await this.send(message, now);
        if (outcome === 'sent') sent++;
        await manager.query(
          `UPDATE intake.resident_messages SET status = $2, attempts = attempts + 1, sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz END,
                  next_attempt_at = $3::timestamptz + make_interval(secs => LEAST(300, 5 * power(2, attempts)))
            WHERE nonce = $1`,
          [message.nonce, outcome === 'failed' ? 'pending' : outcome, now],
        );
      }
      return sent;
    });
  }

  private async send(message: Due, now: Date): Promise<'sent' | 'no_contact' | 'expired' | 'failed'> {
    if (new Date(message.expires_at) <= now) return 'expired';
    const phone = message.reporter ? this.cipher.decrypt(message.reporter).phone : undefined;
    if (!phone) return 'no_contact';
    const token = signFeedbackLink(this.links.key, { caseId: message.case_id, nonce: message.nonce, expiresAt: new Date(message.expires_at) });
    try {
      await this.notifier.send({ phone, text: `【12345】您反映的问题已办理完毕，请评价办理结果：${this.links.pageUrl}${token}`, idempotencyKey: message.nonce });
      return 'sent';
    } catch (error) {
      this.logger.warn(`the feedback link of case ${message.case_id} was not sent (attempt ${message.attempts + 1}): ${describeFailure(error)}`);
      return 'failed';
    }
  }
}
