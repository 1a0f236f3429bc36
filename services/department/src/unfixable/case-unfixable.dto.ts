import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsNotBlank } from '@gridwhistle/platform';

export class CannotFixDto {
  @ApiProperty({
    description: 'Why the problem cannot be fixed (无法解决的原因): the resident is told it, and asked how the case was handled, not whether it was fixed.',
    minLength: 1,
    maxLength: 2000,
    example: '该路段已列入明年道路改造计划，现阶段无法单独更换排水管',
  })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'reason must say why it cannot be fixed, in 1 to 2000 characters' })
  reason: string;
}
