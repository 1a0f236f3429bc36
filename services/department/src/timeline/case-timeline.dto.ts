import { ApiProperty } from '@nestjs/swagger';
import { CASE_ACTIONS, CaseAction } from '../cases/case-state-machine';
import { JointCaseDto } from '../joint-handling/joint-handling.dto';

export const TIMELINE_KINDS = ['dispatched', ...CASE_ACTIONS, 'graded'] as const;
export type TimelineKind = 'dispatched' | CaseAction | 'graded';

/** One step of a case as your unit saw it. */
export class TimelineEntryDto {
  @ApiProperty({ description: 'When it happened.', format: 'date-time', example: '2026-11-22T08:20:00.000Z' })
  at: string;

  @ApiProperty({
    description: 'What happened: the dispatch to your unit, one of your unit\u2019s actions (`note` for a progress note), or the resident\u2019s grading.',
    enum: TIMELINE_KINDS,
    example: 'note',
  })
  kind: TimelineKind;

  @ApiProperty({ description: 'The dispatch round it belongs to.', example: 1 })
  round: number;

  @ApiProperty({ description: 'What your unit wrote with it (the note, the resolution, the reason), or the rating; null for none.', type: 'string', nullable: true, example: '已联系施工队，明早到场' })
  text: string | null;
}

/** A case with your unit's timeline. */
export class CaseViewDto extends JointCaseDto {
  @ApiProperty({ description: 'Your unit\u2019s own part of the case, oldest first: the dispatch, your actions and notes, and the grading.', type: () => TimelineEntryDto, isArray: true })
  timeline: TimelineEntryDto[];
}
