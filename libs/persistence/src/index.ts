export * from './service-database';
export * from './provision';
export * from './group-commit';
export * from './query-logger';
export * from './pg-listener';
export * from './shared-reading';
export * from './personal-data.cipher';
export * from './periodic-task';
