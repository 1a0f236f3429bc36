import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Channel, LegacyChannel } from '@gridwhistle/contracts';

/**
 * The integration that reported a case (a system, never a person), kept from case.reported
 * so that feedback decides who may grade without asking intake; with the case's public summary,
 * shown to its resident on the feedback page. Rows from version 1 of this table have no summary.
 */
@Entity({ schema: 'feedback', name: 'case_reporters' })
export class CaseReporterEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'integration_code' }) integrationCode: string;
  @Column({ name: 'category_code', type: 'text', nullable: true }) categoryCode: string | null;
  @Column({ name: 'grid_code', type: 'text', nullable: true }) gridCode: string | null;
  /** The channel as reported: cases of case.reported v2 carry the channels of that version. */
  @Column({ type: 'text', nullable: true }) channel: Channel | LegacyChannel | null;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ name: 'reported_at', type: 'timestamptz', nullable: true }) reportedAt: Date | null;
}
