import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RATINGS, Rating } from '@gridwhistle/contracts';
import { Answer } from '../answers/answer-outcome';

/** The resident's form post, as the browser sends it (every field a string), in the words the page shows. */
export class ResidentAnswerForm {
  @IsIn(['yes', 'no'], { message: '请选择问题是否已解决' })
  solved: 'yes' | 'no';

  @IsIn(RATINGS, { message: '请选择您的满意程度' })
  rating: Rating;

  @IsOptional() @IsString() @MaxLength(500, { message: '意见请不超过500字' })
  comment?: string;

  answer(): Answer {
    const comment = this.comment?.trim();
    return { solved: this.solved === 'yes', rating: this.rating, ...(comment ? { comment } : {}) };
  }
}
