import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A system allowed to record residents' feedback: the 12345 hotline's callback desk. */
@Entity({ schema: 'feedback', name: 'integrations' })
export class IntegrationEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ name: 'api_key_hash', unique: true }) apiKeyHash: string;
}
