import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import { verifyFeedbackLink } from '@gridwhistle/contracts';
import { AnswersService } from '../answers/answers.service';
import { AnswerEntity } from '../answers/answer.entity';
import { CallbackEntity } from '../callbacks/callback.entity';
import { CaseReporterEntity } from '../callbacks/case-reporter.entity';
import { FeedbackClock } from '../policy/feedback.clock';
import { LinkEntity } from './link.entity';
import { ResidentAnswerForm } from './resident-answer.form';
import { FeedbackLinkKey } from './feedback-link.key';

/** Why a link opens no form: each has its own page and HTTP status. */
export type Refusal = 'forged' | 'expired' | 'used' | 'finished';

/** What the resident's page shows of their case: its summary and its timeline as feedback knows it. */
export interface CaseView {
  description: string | null;
  categoryCode: string | null;
  reportedAt: Date | null;
  resolvedAt: Date;
  resolution: string | null;
  expiresAt: Date;
  history: Pick<AnswerEntity, 'outcome' | 'answeredAt' | 'reopenCount'>[];
}

export type PageResult =
  | { kind: 'refused'; why: Refusal }
  | { kind: 'form'; view: CaseView; errors?: string[] }
  | { kind: 'answered'; reopened: boolean; closed: boolean };

/**
 * The resident's page behind a signed, expiring, single-use link. The link is the only
 * credential (and, posted back, the form's CSRF token): forged, expired, used, or for a round
 * already ended, it opens nothing.
 */
@Injectable()
export class ResidentPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly answers: AnswersService,
    private readonly clock: FeedbackClock,
    private readonly key: FeedbackLinkKey,
  ) {}

  open(token: string): Promise<PageResult> {
    return this.dataSource.transaction(async (manager) => {
      const checked = await this.check(manager, token, false);
      return 'why' in checked ? { kind: 'refused', why: checked.why } : { kind: 'form', view: await this.view(manager, checked.link, checked.callback) };
    });
  }

  submit(token: string, body: unknown): Promise<PageResult> {
    return this.dataSource.transaction(async (manager) => {
      const checked = await this.check(manager, token, true);
      if ('why' in checked) return { kind: 'refused', why: checked.why };
      const form = plainToInstance(ResidentAnswerForm, body ?? {});
      const errors = validateSync(form, { whitelist: true }).flatMap((error) => Object.values(error.constraints ?? {}));
      if (errors.length > 0) return { kind: 'form', view: await this.view(manager, checked.link, checked.callback), errors };
      const receipt = await this.answers.apply(manager, checked.callback, form.answer(), 'resident');
      await manager.update(LinkEntity, { nonce: checked.link.nonce }, { usedAt: this.clock.now() });
      return { kind: 'answered', reopened: receipt.reopened, closed: receipt.caseClosed };
    });
  }

  private async check(manager: EntityManager, token: string, lock: boolean): Promise<{ why: Refusal } | { link: LinkEntity; callback: CallbackEntity }> {
    const claims = verifyFeedbackLink(this.key.bytes, token);
    const lockMode = lock ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const link = claims && (await manager.findOne(LinkEntity, { where: { nonce: claims.nonce }, ...lockMode }));
    if (!claims || !link || link.caseId !== claims.caseId || link.expiresAt.getTime() !== claims.expiresAt.getTime()) return { why: 'forged' };
    if (link.usedAt) return { why: 'used' };
    if (this.clock.now() >= link.expiresAt) return { why: 'expired' };
    const callback = await manager.findOne(CallbackEntity, { where: { caseId: link.caseId }, ...lockMode });
    if (!callback || callback.status !== 'awaiting_feedback' || callback.reopenCount !== link.reopenCount) return { why: 'finished' };
    return { link, callback };
  }

  private async view(manager: EntityManager, link: LinkEntity, callback: CallbackEntity): Promise<CaseView> {
    const summary = await manager.findOneBy(CaseReporterEntity, { caseId: link.caseId });
    const history = await manager.find(AnswerEntity, { where: { caseId: link.caseId }, order: { reopenCount: 'ASC' }, select: ['outcome', 'answeredAt', 'reopenCount'] });
    return {
      description: summary?.description ?? null,
      categoryCode: summary?.categoryCode ?? null,
      reportedAt: summary?.reportedAt ?? null,
      resolvedAt: callback.resolvedAt,
      resolution: callback.resolution,
      expiresAt: link.expiresAt,
      history,
    };
  }
}
