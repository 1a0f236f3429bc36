import { IsDateString, IsString, Length, Matches } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/** Routing assigned the case to a department (派单), with the deadline for acknowledging it. */
export class CaseDispatchedV1 {
  @Matches(CODE_PATTERN) departmentCode: string;
  @IsString() @Length(1, 200) departmentName: string;
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsString() @Length(1, 2000) description: string;
  @IsDateString() dueAt: string;
}
