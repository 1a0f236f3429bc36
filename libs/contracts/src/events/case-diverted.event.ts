import { IsDateString, IsIn, IsOptional, Matches } from 'class-validator';
import { CHANNELS, CODE_PATTERN, Channel, REQUEST_KINDS, RequestKind } from './case-reported.event';

/** How intake answered a case itself instead of having it dispatched (Beijing's 接诉即办, Art. 11). */
export const DIVERSIONS = ['emergency', 'consultation_answered', 'outside_duty'] as const;
export type Diversion = (typeof DIVERSIONS)[number];

/** The emergency services' numbers: police, fire, ambulance, traffic police. */
export const EMERGENCY_NUMBERS = ['110', '119', '120', '122'] as const;
export type EmergencyNumber = (typeof EMERGENCY_NUMBERS)[number];

/**
 * Intake answered a case before dispatch and recorded it: an emergency with its emergency
 * number, a consultation with the category's answer, a matter outside every unit's duty with
 * where to go. Nothing is dispatched. Carries no personal data of the reporter.
 */
export class CaseDivertedV1 {
  @Matches(CODE_PATTERN) categoryCode: string;
  @Matches(CODE_PATTERN) gridCode: string;
  @IsIn(CHANNELS) channel: Channel;
  @IsIn(REQUEST_KINDS) requestKind: RequestKind;
  @IsIn(DIVERSIONS) diversion: Diversion;
  @IsOptional() @IsIn(EMERGENCY_NUMBERS) emergencyNumber?: EmergencyNumber;
  @IsDateString() reportedAt: string;
  @Matches(CODE_PATTERN) integrationCode: string;
}
