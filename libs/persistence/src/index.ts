export * from './service-database';
export * from './provision';
