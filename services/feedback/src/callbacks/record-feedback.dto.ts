import { IsIn } from 'class-validator';
import { RATINGS, Rating } from '@gridwhistle/contracts';

export class RecordFeedbackDto {
  @IsIn(RATINGS, { message: `rating must be one of ${RATINGS.join(', ')}` })
  rating: Rating;
}
