import { IsDateString, IsIn, IsString, Length, Matches } from 'class-validator';

/** The channels of versions 1 and 2 of case.reported; stored cases were moved to the channels of version 3. */
export const LEGACY_CHANNELS = ['hotline', 'grid_worker', 'resident_app', 'walk_in'] as const;
export type LegacyChannel = (typeof LEGACY_CHANNELS)[number];

/**
 * How a case came in: the 12345 hotline (its call centre and service windows), a grid worker's
 * whistle (网格吹哨), residents' web and app (mini-program), and Open311 clients.
 */
export const CHANNELS = ['hotline', 'grid', 'resident_web', 'resident_app', 'open311'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The five kinds of request of Beijing's 接诉即办 regulation (Art. 2). */
export const REQUEST_KINDS = ['consultation', 'help', 'complaint', 'report', 'suggestion'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const CODE_PATTERN = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** A case was accepted by intake (受理). Carries no personal data of the reporter. */
export class CaseReportedV1 {
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsIn(LEGACY_CHANNELS) channel: LegacyChannel;
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

/**
 * Version 3 carries the channels of GridWhistle's front desk (grid for grid workers,
 * resident_web, open311) and the kind of request. Only cases that are to be dispatched are
 * reported: intake answers emergencies, consultations and matters outside every unit's duty
 * itself (case.diverted).
 */
export class CaseReportedV3 {
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsIn(CHANNELS) channel: Channel;
  @IsIn(REQUEST_KINDS) requestKind: RequestKind;
  @IsString() @Length(1, 2000) description: string;
  @IsDateString() reportedAt: string;
  @Matches(CODE_PATTERN) integrationCode: string;
}
