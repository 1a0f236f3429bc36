export * from './problem-details.dto';
export * from './api-problems.decorator';
export * from './api-key-auth.decorator';
export * from './openapi.setup';
export * from './api-uuid-param.decorator';
