import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A functional department (职能部门) that receives dispatched cases over the API. */
@Entity({ schema: 'department', name: 'departments' })
export class DepartmentEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ name: 'api_key_hash', unique: true }) apiKeyHash: string;
}
