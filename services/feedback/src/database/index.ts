// What deployment tooling may use of this service: its database options and seed.
export * from './feedback.database';
export * from './feedback.seed';
