import { IsDateString, IsIn, IsString, Length, Matches } from 'class-validator';

export const CHANNELS = ['hotline', 'grid_worker', 'resident_app', 'walk_in'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** A case was accepted by intake (受理). Carries no personal data of the reporter. */
export class CaseReportedV1 {
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsIn(CHANNELS) channel: Channel;
  @IsString() @Length(1, 2000) description: string;
  @IsDateString() reportedAt: string;
}

/**
 * Version 2 names the integration that reported the case (a system such as the 12345 hotline,
 * not a person), so that feedback can let only that integration grade the result.
 */
export class CaseReportedV2 extends CaseReportedV1 {
  @Matches(CODE_PATTERN) integrationCode: string;
}
