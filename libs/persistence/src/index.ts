export * from './service-database';
export * from './provision';
export * from './group-commit';
export * from './pg-listener';
