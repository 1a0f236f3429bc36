import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RoutingDecision, RuleCode } from './routing-decision';

/** Every decision routing made for a case, in order: the case's routing history. */
@Entity({ schema: 'routing', name: 'decisions' })
export class DecisionRecordEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt: Date;
  @Column({ name: 'directory_version', type: 'int', nullable: true }) directoryVersion: number | null;
  @Column({ type: 'text' }) rule: RuleCode;
  @Column({ type: 'jsonb' }) record: RoutingDecision;
}
