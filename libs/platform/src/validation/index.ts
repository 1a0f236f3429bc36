export * from './not-blank.validator';
export * from './text-safety.pipe';
export * from './validation.pipe';
export * from './uuid-param';
