import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A resident's single-use feedback link: its nonce, the round it asks about, until when, and whether it was used. */
@Entity({ schema: 'feedback', name: 'links' })
export class LinkEntity {
  @PrimaryColumn() nonce: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'reopen_count', type: 'int' }) reopenCount: number;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true }) usedAt: Date | null;
}
