// What deployment tooling may use of this service: its database options and how a directory version is published.
export * from './routing.database';
export * from './routing.directory';
