import { ApiProperty } from '@nestjs/swagger';
import { UUID_EXAMPLE } from '@gridwhistle/platform';
import { OUTCOMES, Outcome, RULES, RuleCode, SetAsideReason } from '../decisions/routing-decision';

const SET_ASIDE_REASONS: SetAsideReason[] = ['other_area', 'less_specific', 'no_local_unit', 'negative_list', 'not_on_community_list', 'returned'];

export class RoutedUnitDto {
  @ApiProperty({ description: 'The handling unit\u2019s code in the directory.', example: 'urban_management' })
  code: string;

  @ApiProperty({ description: 'Its name.', example: '区城市管理局' })
  name: string;

  @ApiProperty({ description: 'What kind of unit it is.', enum: ['district', 'department', 'street', 'community'], example: 'department' })
  kind: string;
}

export class SetAsideDto {
  @ApiProperty({ description: 'The catalogue entry that was considered.', example: 'D014' })
  catalogueItem: string;

  @ApiProperty({ description: 'The unit it named, where it named one.', type: 'string', nullable: true, example: 'urban_management' })
  unitCode: string | null;

  @ApiProperty({ description: 'Why it was not taken (stable code).', enum: SET_ASIDE_REASONS, example: 'less_specific' })
  reason: SetAsideReason;

  @ApiProperty({ description: 'The same in words (Chinese).', example: '条目 D014（urban_management）未采用：已有适用于本区域的更具体条目。' })
  explanation: string;
}

export class RoutingStepDto {
  @ApiProperty({ description: 'When routing decided.', format: 'date-time', example: '2026-11-22T08:15:30.456Z' })
  decidedAt: string;

  @ApiProperty({ description: 'What came of it: dispatched, or waiting for the command centre to dispatch (triage) or to rule (arbitration).', enum: OUTCOMES, example: 'dispatched' })
  outcome: Outcome;

  @ApiProperty({ description: 'The rule followed (stable code).', enum: RULES, example: 'street_matter' })
  rule: RuleCode;

  @ApiProperty({ description: 'The decision in plain words (Chinese), codes beside the names.', example: '「垃圾乱扔」（litter）由街道属地办理：按派单目录第1版条目 D015，派给汉丰街道办事处（hanfeng_street）主办，区城市管理局（urban_management）协办，抄送开州区网格化服务管理中心（kaizhou_district）。' })
  explanation: string;

  @ApiProperty({ description: 'The directory version decided with; null before any was published.', type: 'integer', nullable: true, example: 1 })
  directoryVersion: number | null;

  @ApiProperty({ description: 'The case\u2019s category code.', example: 'litter' })
  categoryCode: string;

  @ApiProperty({ description: 'The case\u2019s grid.', example: 'kaizhou.hanfeng.binhu.g01' })
  gridCode: string;

  @ApiProperty({ description: 'The dispatch catalogue entry used, or null.', type: 'string', nullable: true, example: 'D015' })
  catalogueItem: string | null;

  @ApiProperty({ description: 'Its legal basis, or null.', type: 'string', nullable: true, example: '《城市市容和环境卫生管理条例》第三十四条' })
  basis: string | null;

  @ApiProperty({ description: 'The lead unit (主办), or null while the case waits.', type: RoutedUnitDto, nullable: true })
  lead: RoutedUnitDto | null;

  @ApiProperty({ description: 'The assisting units (协办).', type: [RoutedUnitDto] })
  assistants: RoutedUnitDto[];

  @ApiProperty({ description: 'The units copied (抄送).', type: [RoutedUnitDto] })
  copied: RoutedUnitDto[];

  @ApiProperty({ description: 'The catalogue entries and units considered and set aside.', type: [SetAsideDto] })
  alternatives: SetAsideDto[];

  @ApiProperty({ description: 'The units that had returned the case (退单) when routing decided, oldest first.', type: [String], example: ['urban_management'] })
  returnedBy: string[];

  @ApiProperty({ description: 'The command centre operator whose decision it was, or null for routing\u2019s own.', type: 'string', nullable: true, example: null })
  operatorCode: string | null;

  @ApiProperty({ description: 'Whether the lead may return the case; false once a ruling designated it.', example: true })
  returnable: boolean;
}

export class CaseRoutingDto {
  @ApiProperty({ description: 'The case\u2019s id, the same in every service.', format: 'uuid', example: UUID_EXAMPLE })
  caseId: string;

  @ApiProperty({ description: 'Every routing decision on the case, oldest first.', type: [RoutingStepDto] })
  history: RoutingStepDto[];
}
