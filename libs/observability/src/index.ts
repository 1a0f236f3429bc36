export * from './metrics.module';
export * from './health.module';
export * from './http-metrics';
export * from './metrics.access';
export * from './case-stage.metrics';
export * from './grouped-count.gauge';
