import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A kind of problem a case can be about (井盖缺失, 占道经营, 邻里纠纷, …). */
@Entity({ schema: 'intake', name: 'categories' })
export class CategoryEntity {
  @PrimaryColumn() code: string;
  @Column() name: string;
}
