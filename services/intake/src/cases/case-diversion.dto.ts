import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DIVERSIONS, Diversion, EMERGENCY_NUMBERS, EmergencyNumber } from '@gridwhistle/contracts';

/** How intake answered a case itself before dispatch; such a case is closed at once and never dispatched. */
export class CaseDiversionDto {
  @ApiProperty({
    description: '`emergency`: answered with its emergency number; `consultation_answered`: the category\u2019s answer; `outside_duty`: outside every unit\u2019s duty, told where to go.',
    enum: DIVERSIONS,
    example: 'consultation_answered',
  })
  kind: Diversion;

  @ApiPropertyOptional({ description: 'For an emergency: the number to call (110 police, 119 fire, 120 ambulance, 122 traffic police).', enum: EMERGENCY_NUMBERS, example: '119' })
  emergencyNumber?: EmergencyNumber;

  @ApiProperty({ description: 'What the reporter is told.', example: '政策咨询可登录开州区人民政府网站“政策文件”栏目查询。' })
  answer: string;
}
