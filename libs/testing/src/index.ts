export * from './isolated-environment';
export * from './eventually';
export * from './topic-reader';
export * from './database-outage';
export * from './migrated-data-source';
export * from './service-in-process';
export * from './openapi-conformance';
export * from './describe-api-document';
