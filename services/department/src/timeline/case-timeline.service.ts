import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JointCaseDto } from '../joint-handling/joint-handling.dto';
import { CaseViewDto, TimelineEntryDto, TimelineKind } from './case-timeline.dto';

/** A unit's timeline of a case: only its own actions and notes, never another unit's. */
@Injectable()
export class CaseTimelineService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async withTimeline(unitCode: string, c: JointCaseDto): Promise<CaseViewDto> {
    const actions: { at: Date; kind: TimelineKind; round: number; text: string | null }[] = await this.dataSource.query(
      'SELECT at, action AS kind, round, text FROM department.case_actions WHERE case_id = $1 AND unit_code = $2 ORDER BY id',
      [c.id, unitCode],
    );
    // Oldest first: a later round's dispatch comes after what the unit did in the round before.
    const timeline: TimelineEntryDto[] = [
      { at: c.dispatchedAt, kind: 'dispatched' as const, round: c.round, text: null },
      ...actions.map((a) => ({ at: a.at.toISOString(), kind: a.kind, round: a.round, text: a.text })),
      ...(c.gradedAt ? [{ at: c.gradedAt, kind: 'graded' as const, round: c.round, text: c.rating }] : []),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return { ...c, timeline };
  }
}
