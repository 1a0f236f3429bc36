import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsNotBlank } from '@gridwhistle/platform';

export class CaseNoteDto {
  @ApiProperty({
    description: 'How the work is going (进展): shown on your unit\u2019s timeline of the case, to your unit only. Not sent to other services.',
    minLength: 1,
    maxLength: 2000,
    example: '已联系施工队，明早8点到场更换井盖',
  })
  @IsString() @IsNotBlank() @Length(1, 2000, { message: 'note must say how the work is going, in 1 to 2000 characters' })
  note: string;
}
