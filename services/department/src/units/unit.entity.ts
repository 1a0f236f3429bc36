import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A handling unit (district, department, street, community) as routing's directory names it:
 * a read-model, kept from directory.published, so that the assistants and copies a dispatch
 * names can be shown and reached. API keys are no part of it (they stay in department.departments).
 */
@Entity({ schema: 'department', name: 'units' })
export class UnitEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'area_code', type: 'text', nullable: true }) areaCode: string | null;
  @Column({ name: 'directory_version', type: 'int' }) directoryVersion: number;
}
