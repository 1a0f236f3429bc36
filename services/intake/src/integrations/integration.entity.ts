import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A system allowed to report cases: the 12345 hotline, the grid workers' app, … */
@Entity({ schema: 'intake', name: 'integrations' })
export class IntegrationEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ name: 'api_key_hash', unique: true }) apiKeyHash: string;
}
