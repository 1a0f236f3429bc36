import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CategoryFieldV2, EmergencyNumber, RequestKind } from '@gridwhistle/contracts';

/** A kind of problem a case can be about (井盖缺失, 占道经营, 邻里纠纷, …). */
@Entity({ schema: 'intake', name: 'categories' })
export class CategoryEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  /** The kind of request a report of it is, unless the report says otherwise; null until directory.published v2. */
  @Column({ name: 'request_kind', type: 'text', nullable: true }) requestKind: RequestKind | null;
  @Column({ name: 'emergency_number', type: 'text', nullable: true }) emergencyNumber: EmergencyNumber | null;
  @Column({ type: 'text', nullable: true }) referral: string | null;
  @Column({ type: 'text', nullable: true }) answer: string | null;
  @Column({ type: 'jsonb', default: [] }) fields: CategoryFieldV2[];
}
