// What deployment tooling may use of this service: its database options and seed.
export * from './department.database';
export * from './department.seed';
