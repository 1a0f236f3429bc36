import { Column, Entity, PrimaryColumn } from 'typeorm';

export const AREA_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** One node of the area tree: district (区) > street (街道) > community (社区) > grid (网格). */
@Entity({ schema: 'intake', name: 'areas' })
export class AreaEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
  @Column({ type: 'text' }) level: AreaLevel;
  @Column({ name: 'parent_code', type: 'text', nullable: true }) parentCode: string | null;
  /** GeoJSON polygon (WGS-84) of a community or grid. */
  @Column({ type: 'jsonb', nullable: true }) geometry: { type: 'Polygon'; coordinates: [number, number][][] } | null;
}
