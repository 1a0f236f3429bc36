// What deployment tooling may use of this service: its database options and seed.
export * from './routing.database';
export * from './routing.seed';
