import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RATINGS, Rating } from '@gridwhistle/contracts';

export class RecordFeedbackDto {
  @ApiProperty({
    description: 'The resident\u2019s rating of the result (评单): `satisfied` and `basically_satisfied` close the case, `unsatisfied` keeps it open.',
    enum: RATINGS,
    example: 'satisfied',
  })
  @IsIn(RATINGS, { message: `rating must be one of ${RATINGS.join(', ')}` })
  rating: Rating;
}
