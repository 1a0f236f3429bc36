import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { EXTENSION_DECIDERS, ExtensionDecider } from '@gridwhistle/contracts';
import { IsNotBlank, UUID_EXAMPLE } from '@gridwhistle/platform';

export class DecideExtensionDto {
  @ApiProperty({ description: 'Why the command centre decides so; the unit and the record see it.', minLength: 1, maxLength: 500, example: '涉及管网改造，需协调供水公司停水施工' })
  @IsString() @IsNotBlank() @Length(1, 500, { message: 'reason must say why, in 1 to 500 characters' })
  reason: string;
}

/** An extension request (延期申请) of a unit, and what became of it. */
export class ExtensionDto {
  @ApiProperty({ description: 'The case\u2019s id.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;

  @ApiProperty({ description: 'The lead unit asking for more time.', example: 'water' })
  unitCode: string;

  @ApiProperty({ description: 'The dispatch round of the unit.', example: 1 })
  round: number;

  @ApiProperty({ description: 'The resolve deadline asked for.', format: 'date-time', example: '2026-12-18T09:00:00.000Z' })
  until: string;

  @ApiProperty({ description: 'Why the unit needs more time.', example: '需等待管材到货' })
  reason: string;

  @ApiProperty({ description: '`pending` waits for the command centre.', enum: ['pending', 'granted', 'refused'], example: 'pending' })
  state: 'pending' | 'granted' | 'refused';

  @ApiProperty({ description: 'Who decided: the policy by itself, or the command centre; null while pending.', enum: EXTENSION_DECIDERS, nullable: true, example: null })
  decidedBy: ExtensionDecider | null;

  @ApiProperty({ description: 'The operator who decided, or null.', type: 'string', nullable: true, example: null })
  operatorCode: string | null;

  @ApiProperty({ description: 'Why it was decided so, or null.', type: 'string', nullable: true, example: null })
  decisionReason: string | null;

  @ApiProperty({ description: 'When the unit asked.', format: 'date-time', example: '2026-12-01T08:00:00.000Z' })
  requestedAt: string;

  @ApiProperty({ description: 'When it was decided, or null.', type: 'string', format: 'date-time', nullable: true, example: null })
  decidedAt: string | null;
}

export class ExtensionQueueDto {
  @ApiProperty({ description: 'Extension requests beyond the policy waiting for the command centre, oldest first.', type: () => ExtensionDto, isArray: true })
  extensions: ExtensionDto[];
}
