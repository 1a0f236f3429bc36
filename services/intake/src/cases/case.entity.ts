import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Channel, RequestKind } from '@gridwhistle/contracts';
import { CaseDetails } from './case-details';
import { CaseStatus } from './case-status';

/** A reported problem as intake knows it. The reporter's personal data is stored encrypted. */
@Entity({ schema: 'intake', name: 'cases' })
@Index(['reportedBy', 'idempotencyKey'], { unique: true, where: 'idempotency_key IS NOT NULL' })
export class CaseEntity {
  @PrimaryColumn('uuid') id: string;
  /** From a sequence: the case's tracking code is made from it (TrackingCodes). */
  @Column({ name: 'case_number', type: 'bigint', insert: false, update: false, transformer: { to: (n) => n, from: (n: string) => Number(n) } }) caseNumber: number;
  @Column({ name: 'category_code' }) categoryCode: string;
  @Column({ name: 'grid_code' }) gridCode: string;
  @Column({ type: 'text' }) channel: Channel;
  @Column() description: string;
  @Column({ type: 'bytea', nullable: true }) reporter: Buffer | null;
  @Column({ type: 'text' }) status: CaseStatus;
  /** The dispatch round the status belongs to (1 = the first dispatch; more after a return, ruling or re-route). */
  @Column({ type: 'int', default: 1 }) round: number;
  /** Null for cases reported before kinds of request were recorded. */
  @Column({ name: 'request_kind', type: 'text', nullable: true }) requestKind: RequestKind | null;
  @Column({ type: 'jsonb', default: {} }) details: CaseDetails;
  @Column({ name: 'reported_by' }) reportedBy: string;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey: string | null;
  /** Keyed fingerprint of the request, to tell a retry from another request with the same key. */
  @Column({ name: 'request_fingerprint', type: 'bytea', nullable: true }) requestFingerprint: Buffer | null;
  @Column({ type: 'text' }) traceparent: string;
  /** Keyed hash of the reporter's phone (RequesterHash), never the phone itself. */
  @Column({ name: 'requester_hash', type: 'bytea', nullable: true }) requesterHash: Buffer | null;
  @CreateDateColumn({ name: 'reported_at', type: 'timestamptz' }) reportedAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
