import { IsString, Length, Matches } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

/** The department accepted the dispatch (签收 / 报到). */
export class CaseAcknowledgedV1 {
  @Matches(CODE_PATTERN) departmentCode: string;
}

/** The department finished the work (办结). */
export class CaseResolvedV1 {
  @Matches(CODE_PATTERN) departmentCode: string;
  @IsString() @Length(1, 2000) resolution: string;
}
