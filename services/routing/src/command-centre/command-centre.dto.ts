import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CODE_PATTERN } from '@gridwhistle/contracts';
import { IsNotBlank, UUID_EXAMPLE } from '@gridwhistle/platform';
import { OUTCOMES, Outcome, RULES, RuleCode } from '../decisions/routing-decision';

const UNIT = { message: 'leadUnitCode must be a unit code of the directory' };
const UNITS = { each: true, message: 'assistingUnitCodes must be unit codes of the directory' };
const REASON = { message: 'reason must say why, in 1 to 2000 characters' };

/** A manual dispatch (人工分拨) or re-route (改派): the units, and why. */
export class ManualDispatchDto {
  @ApiProperty({ description: 'The unit to lead the handling (主办).', example: 'urban_management' })
  @Matches(CODE_PATTERN, UNIT)
  leadUnitCode: string;

  @ApiPropertyOptional({ description: 'The units to assist (协办).', type: [String], example: ['market_supervision'] })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @Matches(CODE_PATTERN, UNITS)
  assistingUnitCodes: string[] = [];

  @ApiProperty({ description: 'Why (kept in the audit, shown in the routing history).', minLength: 1, maxLength: 2000, example: '经会商，由城管局牵头处置' })
  @IsString() @IsNotBlank() @Length(1, 2000, REASON)
  reason: string;
}

/** A change of the dispatch catalogue the ruling proposes for its next version. */
export class CatalogueProposalDto {
  @ApiProperty({ description: 'The category the entry is for.', example: 'sewage_dumping' })
  @Matches(CODE_PATTERN, { message: 'categoryCode must be a category code' })
  categoryCode: string;

  @ApiPropertyOptional({ description: 'The area it applies to; everywhere if absent.', example: 'kaizhou.yunfeng' })
  @IsOptional() @Matches(CODE_PATTERN, { message: 'areaCode must be an area code' })
  areaCode?: string;

  @ApiProperty({ description: 'The unit that should lead such cases.', example: 'water' })
  @Matches(CODE_PATTERN, UNIT)
  leadUnitCode: string;

  @ApiProperty({ description: 'The basis (法定职责) for it.', minLength: 1, maxLength: 500, example: '《城镇排水与污水处理条例》第十四条' })
  @IsString() @IsNotBlank() @Length(1, 500, { message: 'basis must give the grounds, in 1 to 500 characters' })
  basis: string;
}

/** The ruling (争议裁定): the designated unit, why, and perhaps a catalogue change. */
export class ArbitrateCaseDto {
  @ApiProperty({ description: 'The unit designated to lead; it can no longer return the case.', example: 'water' })
  @Matches(CODE_PATTERN, { message: 'unitCode must be a unit code of the directory' })
  unitCode: string;

  @ApiProperty({ description: 'The grounds of the ruling.', minLength: 1, maxLength: 2000, example: '排水管网产权属区水利局' })
  @IsString() @IsNotBlank() @Length(1, 2000, REASON)
  reason: string;

  @ApiPropertyOptional({ description: 'A catalogue change proposed for the directory\u2019s next version.', type: CatalogueProposalDto })
  @IsOptional() @ValidateNested() @Type(() => CatalogueProposalDto)
  catalogueProposal?: CatalogueProposalDto;
}

export class QueueQueryDto {
  @ApiPropertyOptional({ description: 'At most this many cases.', type: 'integer', minimum: 1, maximum: 500, default: 100, example: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'limit must be an integer from 1 to 500' }) @Min(1, { message: 'limit must be an integer from 1 to 500' }) @Max(500, { message: 'limit must be an integer from 1 to 500' })
  limit = 100;
}

export class AuditQueryDto {
  @ApiProperty({ description: 'The case whose audit trail to read.', format: 'uuid', example: UUID_EXAMPLE })
  @IsUUID('all', { message: 'caseId must be a UUID' })
  caseId: string;
}

export class QueueEntryDto {
  @ApiProperty({ description: 'The case\u2019s id.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;
  @ApiProperty({ description: 'What it waits for: a manual dispatch (awaiting_triage) or a ruling (awaiting_arbitration).', enum: ['awaiting_triage', 'awaiting_arbitration'], example: 'awaiting_arbitration' })
  waitingFor: Outcome;
  @ApiProperty({ description: 'Why (the rule of routing\u2019s last decision, a stable code).', enum: RULES, example: 'return_limit' })
  reason: RuleCode;
  @ApiProperty({ description: 'Since when it waits.', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  waitingSince: string;
  @ApiProperty({ description: 'The category code.', example: 'sewage_dumping' })
  categoryCode: string;
  @ApiProperty({ description: 'The grid.', example: 'kaizhou.yunfeng.pingqiao.g02' })
  gridCode: string;
  @ApiProperty({ description: 'How many times units returned it.', example: 2 })
  returns: number;
  @ApiProperty({ description: 'The units that returned it, oldest first.', type: [String], example: ['water', 'ecology'] })
  returnedBy: string[];
}

export class QueueDto {
  @ApiProperty({ description: 'The cases waiting, oldest first.', type: [QueueEntryDto] })
  cases: QueueEntryDto[];
}

export class CommandCentreDecisionDto {
  @ApiProperty({ description: 'The case\u2019s id.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;
  @ApiProperty({ description: 'The dispatch round this decision opened.', example: 3 })
  round: number;
  @ApiProperty({ description: 'What came of it.', enum: OUTCOMES, example: 'dispatched' })
  outcome: Outcome;
  @ApiProperty({ description: 'The rule (stable code).', enum: RULES, example: 'arbitration_ruling' })
  rule: RuleCode;
  @ApiProperty({ description: 'The lead unit.', example: 'water' })
  leadUnitCode: string;
  @ApiProperty({ description: 'The assisting units.', type: [String], example: [] })
  assistingUnitCodes: string[];
  @ApiProperty({ description: 'The units copied.', type: [String], example: ['kaizhou_district'] })
  copiedUnitCodes: string[];
  @ApiProperty({ description: 'Whether the lead may return it; false after a ruling.', example: false })
  returnable: boolean;
  @ApiProperty({ description: 'The decision in plain words (Chinese), codes beside the names.', example: '「污水乱排」（sewage_dumping）已被退回2次（退回单位：water、ecology），指挥中心裁定由区水利局（water）主办，该单位不得再退单。' })
  explanation: string;
}

export class AuditEntryDto {
  @ApiProperty({ description: 'The case.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;
  @ApiProperty({ description: 'Who: the operator\u2019s code.', example: 'command_centre' })
  operatorCode: string;
  @ApiProperty({ description: 'What.', enum: ['dispatch', 'arbitrate', 'reroute'], example: 'arbitrate' })
  action: string;
  @ApiProperty({ description: 'Why.', example: '排水管网产权属区水利局' })
  reason: string;
  @ApiProperty({ description: 'When.', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  actedAt: string;
  @ApiProperty({ description: 'The units named, the round opened and any catalogue proposal.', type: 'object', additionalProperties: true, example: { leadUnitCode: 'water', assistingUnitCodes: [], round: 3 } })
  details: Record<string, unknown>;
}

export class AuditDto {
  @ApiProperty({ description: 'The command centre\u2019s actions on the case, oldest first.', type: [AuditEntryDto] })
  entries: AuditEntryDto[];
}
