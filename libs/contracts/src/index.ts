export * from './topics';
export * from './event-catalog';
export * from './envelope';
export * from './events/case-reported.event';
export * from './events/case-dispatched.event';
export * from './events/case-triage.events';
export * from './events/case-handling.events';
export * from './events/case-feedback.events';
