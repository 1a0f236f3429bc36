import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { CASE_STATUSES, CaseStatus } from './case-status';
import { CaseDiversionDto } from './case-diversion.dto';

/** The answer to a report: the case's id to follow it by, and its status now. */
export class CaseReceiptDto {
  @ApiProperty({ description: 'The case\u2019s id: GET /v1/cases/{id} follows it.', format: 'uuid', example: UUID_EXAMPLE })
  id: string;

  @ApiProperty({ description: 'The short code to give the reporter (case-insensitive, no 0/O/1/I/L): GET /v1/track/{code} shows where the case stands.', example: 'K7M3QX9' })
  trackingCode: string;

  @ApiProperty({ description: 'The case\u2019s public status: `reported` for a new case; a replayed report answers with the status the case has reached since.', enum: CASE_STATUSES, example: 'reported' })
  status: CaseStatus;

  @ApiProperty({ description: 'When intake accepted the case (受理).', format: 'date-time', example: '2026-11-22T08:15:30.123Z' })
  reportedAt: string;

  @ApiPropertyOptional({ description: 'On a 200: this report repeats the requester\u2019s open case of the same matter, with no new facts; no new case was made.', enum: [true], example: true })
  repeat?: true;

  @ApiPropertyOptional({ description: 'When intake answered the case itself (an emergency, a consultation, a matter outside every unit\u2019s duty): what to tell the reporter. The case is then `closed`, not dispatched.', type: () => CaseDiversionDto })
  diversion?: CaseDiversionDto;
}
