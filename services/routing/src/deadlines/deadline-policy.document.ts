import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CODE_PATTERN } from '@gridwhistle/contracts';
import { LENGTH_UNITS, LengthUnit } from './clock';

/** A clock's length: so many minutes, hours, working hours or working days, or nightfall (no value). */
export class ClockLengthDocument {
  @IsIn(LENGTH_UNITS) unit: LengthUnit;
  @IsOptional() @IsInt() @Min(1) value?: number;
}

/** The four clocks of a case (签收, 首次联系, 办结, 回访); in an area's override each may be left out. */
export class ClocksDocument {
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) acknowledge: ClockLengthDocument;
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) firstContact: ClockLengthDocument;
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) resolve: ClockLengthDocument;
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) callback: ClockLengthDocument;
}

/** An area's own lengths for some of the clocks. */
export class ClockOverridesDocument {
  @IsOptional() @ValidateNested() @Type(() => ClockLengthDocument) acknowledge?: ClockLengthDocument;
  @IsOptional() @ValidateNested() @Type(() => ClockLengthDocument) firstContact?: ClockLengthDocument;
  @IsOptional() @ValidateNested() @Type(() => ClockLengthDocument) resolve?: ClockLengthDocument;
  @IsOptional() @ValidateNested() @Type(() => ClockLengthDocument) callback?: ClockLengthDocument;
}

export class AreaClocksDocument {
  /** Cases in this area and below it. */
  @Matches(CODE_PATTERN) area: string;
  @IsDefined() @ValidateNested() @Type(() => ClockOverridesDocument) clocks: ClockOverridesDocument;
}

/** The escalation ladder after a breach of the resolve clock: each level's own deadline. */
export class LadderDocument {
  /** 催办: the unit itself is chased. */
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) reminder: ClockLengthDocument;
  /** 督办 by the street the case is in. */
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) street: ClockLengthDocument;
  /** 督办 by the district; when it runs out the case goes onto the register (挂账). */
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) district: ClockLengthDocument;
}

export class ExtensionRuleDocument {
  /** Extensions granted without the command centre, per case and unit. */
  @IsInt() @Min(0) @Max(5) automaticTimes: number;
  /** The furthest an automatic extension reaches beyond the current deadline. */
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) automaticAtMost: ClockLengthDocument;
}

export class PauseRuleDocument {
  @IsInt() @Min(0) @Max(20) maxTimes: number;
  /** The longest one pause lasts; then the clock runs again by itself. */
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) maxLength: ClockLengthDocument;
}

export class SupervisionDocument {
  /** Fractions of a clock at which a warning goes out, ascending, each below 1 (the breach). */
  @IsArray() @ArrayMaxSize(5) @IsNumber({}, { each: true }) warnings: number[];
  @IsDefined() @ValidateNested() @Type(() => LadderDocument) ladder: LadderDocument;
  @IsDefined() @ValidateNested() @Type(() => ExtensionRuleDocument) extension: ExtensionRuleDocument;
  @IsDefined() @ValidateNested() @Type(() => PauseRuleDocument) pause: PauseRuleDocument;
  /** When a case on the register of unresolved problems (挂账) is looked at again. */
  @IsDefined() @ValidateNested() @Type(() => ClockLengthDocument) registerReview: ClockLengthDocument;
}
