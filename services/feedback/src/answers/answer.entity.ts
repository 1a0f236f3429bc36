import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Rating } from '@gridwhistle/contracts';
import { CallbackOutcome } from '../callbacks/callback.entity';

/** One round's answer, kept for good: what the rates count, and what the resident's page shows. */
@Entity({ schema: 'feedback', name: 'answers' })
export class AnswerEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @PrimaryColumn({ name: 'reopen_count', type: 'int' }) reopenCount: number;
  @Column({ name: 'department_code' }) departmentCode: string;
  @Column({ type: 'boolean', nullable: true }) solved: boolean | null;
  @Column({ type: 'text', nullable: true }) rating: Rating | null;
  @Column({ type: 'text' }) outcome: CallbackOutcome;
  /** The resident's comment, encrypted (it may hold personal data). */
  @Column({ type: 'bytea', nullable: true }) comment: Buffer | null;
  /** The integration that recorded it, `resident` for the resident's page, `timer` for no answer. */
  @Column({ name: 'answered_by' }) answeredBy: string;
  @Column({ name: 'answered_at', type: 'timestamptz' }) answeredAt: Date;
}
