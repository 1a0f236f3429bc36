import { TopicKey, Producer } from './topics';
import { CaseReportedV1, CaseReportedV2, CaseReportedV3 } from './events/case-reported.event';
import { CaseDivertedV1 } from './events/case-diverted.event';
import { CaseDispatchedV1, CaseDispatchedV2, CaseDispatchedV3 } from './events/case-dispatched.event';
import { CaseArbitrationRequiredV1, CaseAssistantReportedV1, CaseReturnedV1 } from './events/case-return.events';
import { DirectoryPublishedV1, DirectoryPublishedV2 } from './events/directory.events';
import { CaseTriageRequiredV1 } from './events/case-triage.events';
import { CaseAcknowledgedV1, CaseResolvedV1, CaseResolvedV2 } from './events/case-handling.events';
import {
  CaseClosedV1,
  CaseClosedV2,
  CaseFeedbackRequestedV1,
  CaseGradedV1,
  CaseGradedV2,
  CaseReopenLimitReachedV1,
  CaseReopenedV1,
} from './events/case-feedback.events';
import {
  CaseClockResumedV1,
  CaseDeadlineBreachedV1,
  CaseDeadlineWarningV1,
  CaseExtensionGrantedV1,
  CaseExtensionReferredV1,
  CaseExtensionRefusedV1,
  CaseRegisterReviewDueV1,
  CaseRegisteredUnresolvedV1,
  CaseSupervisedV1,
} from './events/case-deadline.events';
import { CaseExtensionRequestedV1, CaseFirstContactedV1, CasePausedV1, CaseResumedV1 } from './events/case-clock-requests.events';

/**
 * Every event type: who produces it, on which topic, and the payload class of each version.
 * A new payload version is added beside the old one; consumers keep reading both until the
 * old one has drained.
 */
export const EVENT_CATALOG = {
  'case.reported': { producer: 'intake', topic: 'intake', versions: { 1: CaseReportedV1, 2: CaseReportedV2, 3: CaseReportedV3 } },
  'case.diverted': { producer: 'intake', topic: 'intake', versions: { 1: CaseDivertedV1 } },
  'case.dispatched': { producer: 'routing', topic: 'routing', versions: { 1: CaseDispatchedV1, 2: CaseDispatchedV2, 3: CaseDispatchedV3 } },
  'case.arbitration_required': { producer: 'routing', topic: 'routing', versions: { 1: CaseArbitrationRequiredV1 } },
  'case.triage_required': { producer: 'routing', topic: 'routing', versions: { 1: CaseTriageRequiredV1 } },
  'directory.published': { producer: 'routing', topic: 'routing', versions: { 1: DirectoryPublishedV1, 2: DirectoryPublishedV2 } },
  'case.deadline_warning': { producer: 'routing', topic: 'routing', versions: { 1: CaseDeadlineWarningV1 } },
  'case.deadline_breached': { producer: 'routing', topic: 'routing', versions: { 1: CaseDeadlineBreachedV1 } },
  'case.supervised': { producer: 'routing', topic: 'routing', versions: { 1: CaseSupervisedV1 } },
  'case.registered_unresolved': { producer: 'routing', topic: 'routing', versions: { 1: CaseRegisteredUnresolvedV1 } },
  'case.register_review_due': { producer: 'routing', topic: 'routing', versions: { 1: CaseRegisterReviewDueV1 } },
  'case.extension_granted': { producer: 'routing', topic: 'routing', versions: { 1: CaseExtensionGrantedV1 } },
  'case.extension_referred': { producer: 'routing', topic: 'routing', versions: { 1: CaseExtensionReferredV1 } },
  'case.extension_refused': { producer: 'routing', topic: 'routing', versions: { 1: CaseExtensionRefusedV1 } },
  'case.clock_resumed': { producer: 'routing', topic: 'routing', versions: { 1: CaseClockResumedV1 } },
  'case.acknowledged': { producer: 'department', topic: 'department', versions: { 1: CaseAcknowledgedV1 } },
  'case.resolved': { producer: 'department', topic: 'department', versions: { 1: CaseResolvedV1, 2: CaseResolvedV2 } },
  'case.returned': { producer: 'department', topic: 'department', versions: { 1: CaseReturnedV1 } },
  'case.assistant_reported': { producer: 'department', topic: 'department', versions: { 1: CaseAssistantReportedV1 } },
  'case.extension_requested': { producer: 'department', topic: 'department', versions: { 1: CaseExtensionRequestedV1 } },
  'case.paused': { producer: 'department', topic: 'department', versions: { 1: CasePausedV1 } },
  'case.resumed': { producer: 'department', topic: 'department', versions: { 1: CaseResumedV1 } },
  'case.first_contacted': { producer: 'department', topic: 'department', versions: { 1: CaseFirstContactedV1 } },
  'case.graded': { producer: 'feedback', topic: 'feedback', versions: { 1: CaseGradedV1, 2: CaseGradedV2 } },
  'case.closed': { producer: 'feedback', topic: 'feedback', versions: { 1: CaseClosedV1, 2: CaseClosedV2 } },
  'case.reopened': { producer: 'feedback', topic: 'feedback', versions: { 1: CaseReopenedV1 } },
  'case.reopen_limit_reached': { producer: 'feedback', topic: 'feedback', versions: { 1: CaseReopenLimitReachedV1 } },
  'case.feedback_requested': { producer: 'feedback', topic: 'feedback', versions: { 1: CaseFeedbackRequestedV1 } },
} as const satisfies Record<
  keyof EventPayloads,
  { producer: Producer; topic: TopicKey; versions: Record<number, new () => object> }
>;

/** The payload of the current version of each event type. */
export interface EventPayloads {
  'case.reported': CaseReportedV3;
  'case.diverted': CaseDivertedV1;
  'case.dispatched': CaseDispatchedV3;
  'case.arbitration_required': CaseArbitrationRequiredV1;
  'case.triage_required': CaseTriageRequiredV1;
  'directory.published': DirectoryPublishedV2;
  'case.deadline_warning': CaseDeadlineWarningV1;
  'case.deadline_breached': CaseDeadlineBreachedV1;
  'case.supervised': CaseSupervisedV1;
  'case.registered_unresolved': CaseRegisteredUnresolvedV1;
  'case.register_review_due': CaseRegisterReviewDueV1;
  'case.extension_granted': CaseExtensionGrantedV1;
  'case.extension_referred': CaseExtensionReferredV1;
  'case.extension_refused': CaseExtensionRefusedV1;
  'case.clock_resumed': CaseClockResumedV1;
  'case.acknowledged': CaseAcknowledgedV1;
  'case.resolved': CaseResolvedV2;
  'case.returned': CaseReturnedV1;
  'case.assistant_reported': CaseAssistantReportedV1;
  'case.extension_requested': CaseExtensionRequestedV1;
  'case.paused': CasePausedV1;
  'case.resumed': CaseResumedV1;
  'case.first_contacted': CaseFirstContactedV1;
  'case.graded': CaseGradedV2;
  'case.closed': CaseClosedV2;
  'case.reopened': CaseReopenedV1;
  'case.reopen_limit_reached': CaseReopenLimitReachedV1;
  'case.feedback_requested': CaseFeedbackRequestedV1;
}

export type EventType = keyof EventPayloads;
export type PayloadOf<T extends EventType> = EventPayloads[T];

type Versions<T extends EventType> = (typeof EVENT_CATALOG)[T]['versions'];

/** The versions of an event type that may still be on the wire. */
export type VersionOf<T extends EventType> = keyof Versions<T> & number;

/** The payload of one version of an event type. */
export type PayloadOfVersion<T extends EventType, V extends VersionOf<T>> = Versions<T>[V] extends new () => infer P ? P : never;

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

export function latestVersion(type: EventType): number {
  return Math.max(...Object.keys(EVENT_CATALOG[type].versions).map(Number));
}

export function topicOf(type: EventType): TopicKey {
  return EVENT_CATALOG[type].topic;
}

export function eventTypesOn(topic: TopicKey): EventType[] {
  return EVENT_TYPES.filter((type) => EVENT_CATALOG[type].topic === topic);
}
