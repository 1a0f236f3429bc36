import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Channel, createEvent, feedbackLinkExpiry } from '@gridwhistle/contracts';
import { OutboxWriter } from '@gridwhistle/messaging';
import { FeedbackPolicies } from '../policy/feedback-policy';
import { LinkEntity } from './link.entity';

interface Candidate {
  case_id: string;
  reopen_count: number;
  resolved_at: Date;
  policy_version: string;
  channel: Channel;
  traceparent: string;
}

/**
 * Asks the residents of web and app cases through a single-use link, once per round: when the
 * case awaits an answer and feedback knows its channel (case.reported and case.resolved come
 * on different topics, in either order). case.feedback_requested carries the nonce and the
 * expiry only; intake, which holds the contact, signs the link and sends it.
 */
@Injectable()
export class FeedbackRequests {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly policies: FeedbackPolicies,
  ) {}

  async request(manager: EntityManager, caseIds: string[]): Promise<void> {
    const candidates: Candidate[] = await manager.query(
      `SELECT c.case_id, c.reopen_count, c.resolved_at, c.policy_version, r.channel, c.traceparent
         FROM feedback.callbacks c JOIN feedback.case_reporters r USING (case_id)
        WHERE c.case_id = ANY($1::uuid[]) AND c.status = 'awaiting_feedback' AND r.channel IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM feedback.links l WHERE l.case_id = c.case_id AND l.reopen_count = c.reopen_count)`,
      [caseIds],
    );
    const links = candidates.flatMap((c) => {
      const policy = this.policies.named(c.policy_version);
      if (!policy.linkChannels.includes(c.channel)) return [];
      const expiresAt = feedbackLinkExpiry(new Date(c.resolved_at), policy.linkValidityHours);
      return [{ link: { nonce: randomBytes(18).toString('base64url'), caseId: c.case_id, reopenCount: c.reopen_count, expiresAt, usedAt: null }, traceparent: c.traceparent }];
    });
    if (links.length === 0) return;
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(LinkEntity)
      .values(links.map(({ link }) => link))
      .orIgnore()
      .returning(['nonce'])
      .execute();
    const fresh = new Set((inserted.raw as { nonce: string }[]).map((row) => row.nonce));
    await this.outbox.add(
      manager,
      ...links.filter(({ link }) => fresh.has(link.nonce)).map(({ link, traceparent }) =>
        createEvent('case.feedback_requested', link.caseId, { nonce: link.nonce, expiresAt: link.expiresAt.toISOString() }, { trace: traceparent ? { traceparent } : undefined }),
      ),
    );
  }
}
