export * from './service.env';
export * from './api-key';
export * from './api-key.guard';
export * from './bootstrap';
export * from './service-modules';
export * from './api-key.auth';
export * from './problems';
export * from './validation';
