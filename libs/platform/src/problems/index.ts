export * from './problem';
export * from './problems.filter';
export * from './http-edge';
