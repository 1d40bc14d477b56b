export * from './error-codes';
export * from './paths';
export * from './schemas';
export type * from './types';
