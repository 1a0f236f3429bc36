import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The integration that reported a case (a system, never a person), kept from case.reported
 * so that feedback decides who may grade without asking intake.
 */
@Entity({ schema: 'feedback', name: 'case_reporters' })
export class CaseReporterEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' }) caseId: string;
  @Column({ name: 'integration_code' }) integrationCode: string;
}
