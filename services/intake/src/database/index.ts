// What deployment tooling may use of this service: its database options and seed.
export * from './intake.database';
export * from './intake.seed';
