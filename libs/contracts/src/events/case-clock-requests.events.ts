import { IsDateString, IsIn, IsInt, IsString, Length, Matches, Min } from 'class-validator';
import { CODE_PATTERN } from './case-reported.event';

class UnitRoundEvent {
  /** The lead unit whose clocks it concerns. */
  @Matches(CODE_PATTERN) unitCode: string;
  @IsInt() @Min(1) round: number;
}

/** The lead unit asks for more time to resolve (延期); routing grants it by the policy or refers it to the command centre. */
export class CaseExtensionRequestedV1 extends UnitRoundEvent {
  /** Why more time is needed (the work, never the resident). */
  @IsString() @Length(1, 500) reason: string;
  /** The resolve deadline asked for. */
  @IsDateString() until: string;
}

/** Why a case waits: on the resident (补充材料, 约定上门) or on a third party (鉴定, 审批). */
export const PAUSE_REASONS = ['waiting_requester', 'waiting_third_party'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** The lead unit's clocks stop while the case waits on someone else (挂起); the note stays with the department. */
export class CasePausedV1 extends UnitRoundEvent {
  @IsIn(PAUSE_REASONS) reason: PauseReason;
}

/** The lead unit takes the paused case up again. */
export class CaseResumedV1 extends UnitRoundEvent {}

export const CONTACT_CHANNELS = ['phone', 'visit', 'message', 'video'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** The lead unit reached the resident (首次联系); the first-contact clock stops at `contactedAt`. */
export class CaseFirstContactedV1 extends UnitRoundEvent {
  @IsDateString() contactedAt: string;
  @IsIn(CONTACT_CHANNELS) channel: ContactChannel;
}
