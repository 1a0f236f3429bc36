import { ApiProperty } from '@nestjs/swagger';
import { GRADED_OUTCOMES, RATINGS, Rating } from '@gridwhistle/contracts';
import { UUID_EXAMPLE } from '@gridwhistle/platform';

/** The answer to an answer: what was recorded, and what it did to the case. */
export class FeedbackReceiptDto {
  @ApiProperty({ description: 'The case graded.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;

  @ApiProperty({ description: 'Whether the resident said the problem was solved.', type: Boolean, nullable: true, example: true })
  solved: boolean | null;

  @ApiProperty({ description: 'The rating recorded.', enum: RATINGS, nullable: true, example: 'satisfied' })
  rating: Rating | null;

  @ApiProperty({
    description: 'What the answer amounts to; `solved_unsatisfied` and `unsolved_satisfied` are distinct outcomes.',
    enum: [...GRADED_OUTCOMES, 'no_feedback'],
    example: 'solved_satisfied',
  })
  outcome: string;

  @ApiProperty({ description: 'Whether the answer closed the case (销号).', example: true })
  caseClosed: boolean;

  @ApiProperty({ description: 'Whether the answer sent the case back to its lead unit (重办).', example: false })
  reopened: boolean;

  @ApiProperty({ description: 'How many times the case has been sent back so far.', example: 0 })
  reopenCount: number;

  @ApiProperty({ description: 'When the answer was recorded.', format: 'date-time', example: '2026-11-23T09:00:00.000Z' })
  gradedAt: string;
}
