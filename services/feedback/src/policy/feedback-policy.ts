import { readFileSync } from 'node:fs';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsNumber, IsString, Length, Matches, Max, Min, ValidateNested, validateSync, ValidationError } from 'class-validator';
import { CHANNELS, CODE_PATTERN, Channel } from '@gridwhistle/contracts';

/** The weights of the composite score; each figure's part, summing to 1. */
export class RateWeights {
  @IsNumber() @Min(0) @Max(1) response: number;
  @IsNumber() @Min(0) @Max(1) resolution: number;
  @IsNumber() @Min(0) @Max(1) satisfaction: number;
  @IsNumber() @Min(0) @Max(1) onTimeClosure: number;
  /** Counts against the unit: the score takes 1 − reopen rate. */
  @IsNumber() @Min(0) @Max(1) reopen: number;
}

export class RatePolicy {
  @ValidateNested() @Type(() => RateWeights) weights: RateWeights;
}

/** One version of the rules of feedback; it applies to cases resolved from `validFrom` on. */
export class FeedbackPolicyVersion {
  @IsString() @Length(1, 64) version: string;
  @IsDateString() validFrom: string;
  /** How long the resident (or the call centre) has to answer before the case closes as "no feedback". */
  @IsInt() @Min(1) @Max(24 * 60) answerWindowHours: number;
  /** How long a resident's link stays valid; at most the answer window. */
  @IsInt() @Min(1) @Max(24 * 60) linkValidityHours: number;
  /** The channels whose residents are asked through a link; the others are called back (回访). */
  @IsArray() @ArrayUnique() @IsIn(CHANNELS, { each: true }) linkChannels: Channel[];
  /** How many times a case may be sent back (重办) before it goes to the command centre. */
  @IsInt() @Min(0) @Max(10) reopenLimit: number;
  /** Categories whose fix a grid worker verifies on site before the case closes (核查结案). */
  @IsArray() @ArrayUnique() @Matches(CODE_PATTERN, { each: true }) verifiedCategories: string[];
  @ValidateNested() @Type(() => RatePolicy) rates: RatePolicy;
}

export class FeedbackPolicyDocument {
  @IsArray() @ValidateNested({ each: true }) @Type(() => FeedbackPolicyVersion) versions: FeedbackPolicyVersion[];
}

export class InvalidFeedbackPolicyError extends Error {
  constructor(readonly reasons: string[]) {
    super(`invalid feedback policy: ${reasons.join('; ')}`);
  }
}

/** The versions of the feedback policy, validated on load; `at` picks the one in force at a moment. */
export class FeedbackPolicies {
  private readonly versions: FeedbackPolicyVersion[];

  constructor(document: unknown) {
    const parsed = plainToInstance(FeedbackPolicyDocument, document);
    const reasons = flatten(validateSync(parsed, { forbidUnknownValues: true }));
    const versions = parsed.versions ?? [];
    if (versions.length === 0) reasons.push('versions: at least one version is required');
    versions.forEach((v, i) => {
      if (v.linkValidityHours > v.answerWindowHours) reasons.push(`versions[${i}]: linkValidityHours must not exceed answerWindowHours`);
      const w = v.rates?.weights;
      const sum = w ? w.response + w.resolution + w.satisfaction + w.onTimeClosure + w.reopen : 1;
      if (Math.abs(sum - 1) > 1e-9) reasons.push(`versions[${i}]: rates.weights must sum to 1, not ${sum}`);
      const before = versions[i - 1];
      if (before && Date.parse(before.validFrom) >= Date.parse(v.validFrom)) reasons.push(`versions[${i}]: validFrom must come after the version before`);
    });
    if (new Set(versions.map((v) => v.version)).size !== versions.length) reasons.push('versions: each version must have its own name');
    if (reasons.length > 0) throw new InvalidFeedbackPolicyError(reasons);
    this.versions = versions;
  }

  static fromFile(path: string): FeedbackPolicies {
    return new FeedbackPolicies(JSON.parse(readFileSync(path, 'utf8')));
  }

  /** The version in force at `moment`; before the first one, the first. */
  at(moment: Date): FeedbackPolicyVersion {
    const inForce = this.versions.filter((v) => Date.parse(v.validFrom) <= moment.getTime());
    return inForce[inForce.length - 1] ?? this.versions[0];
  }

  named(version: string): FeedbackPolicyVersion {
    return this.versions.find((v) => v.version === version) ?? this.at(new Date());
  }
}

function flatten(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((error) => {
    const at = path ? `${path}.${error.property}` : error.property;
    return [...Object.values(error.constraints ?? {}).map((message) => `${at}: ${message}`), ...flatten(error.children ?? [], at)];
  });
}
