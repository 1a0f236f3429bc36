import { ApiProperty } from '@nestjs/swagger';
import { RATINGS, RESOLUTION_OUTCOMES, Rating, ResolutionOutcome } from '@gridwhistle/contracts';
import { UUID_EXAMPLE } from '@gridwhistle/platform';

/** The answer to a rating: what was recorded, and whether it closed the case. */
export class FeedbackReceiptDto {
  @ApiProperty({ description: 'The case graded.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;

  @ApiProperty({
    description: 'How the department ended the handling: `fixed`, or `cannot_fix` (the rating is of how the case was handled and explained, not of a fix).',
    enum: RESOLUTION_OUTCOMES,
    example: 'fixed',
  })
  outcome: ResolutionOutcome;

  @ApiProperty({ description: 'The rating recorded.', enum: RATINGS, example: 'satisfied' })
  rating: Rating;

  @ApiProperty({ description: 'Whether the rating closed the case (销号).', example: true })
  caseClosed: boolean;

  @ApiProperty({ description: 'When the rating was recorded.', format: 'date-time', example: '2026-11-23T09:00:00.000Z' })
  gradedAt: string;
}
