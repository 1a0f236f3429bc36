import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RATINGS, Rating } from '@gridwhistle/contracts';

/** The resident's answer as the call centre took it down. */
export class RecordFeedbackDto {
  @ApiProperty({ description: 'Whether the problem was solved, in the resident\u2019s words (是否解决).', example: true })
  @IsBoolean({ message: 'solved must be true or false' })
  solved: boolean;

  @ApiProperty({
    description:
      'The resident\u2019s satisfaction (满意度). Only solved and `satisfied` or `basically_satisfied` closes the case; ' +
      'any other answer sends it back to its lead unit (重办) until the policy\u2019s reopen limit, then to the command centre.',
    enum: RATINGS,
    example: 'satisfied',
  })
  @IsIn(RATINGS, { message: `rating must be one of ${RATINGS.join(', ')}` })
  rating: Rating;

  @ApiPropertyOptional({ description: 'The resident\u2019s comment; stored encrypted, never sent on.', maxLength: 500, example: '井盖已装好' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}
