import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { RETURN_REASONS, ReturnReason } from '@gridwhistle/contracts';
import { IsNotBlank } from '@gridwhistle/platform';

export class ReturnCaseDto {
  @ApiProperty({
    description: 'Why the case is not your unit\u2019s (stable code); `jurisdiction_dispute` sends it to the command centre for a ruling at once.',
    enum: RETURN_REASONS,
    example: 'not_our_duty',
  })
  @IsIn(RETURN_REASONS, { message: `reasonCode must be one of ${RETURN_REASONS.join(', ')}` })
  reasonCode: ReturnReason;

  @ApiProperty({ description: 'The basis for it (退单依据): the duty list, the law or the facts.', minLength: 1, maxLength: 2000, example: '该路段井盖产权属区水利局，不属本局职责（《城镇排水与污水处理条例》第十四条）' })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'basis must give the grounds, in 1 to 2000 characters' })
  basis: string;
}
