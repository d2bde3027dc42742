// Engine API wire types (v1.47). Imported by both the daemon and the client;
// types only, no runtime code except a few constants.
export * from './common';
export * from './container';
export * from './image';
export * from './network';
export * from './system';
export * from './volume';

/** The newest Engine API version berth speaks. */
export const API_VERSION = '1.47';
/** The oldest API version berth accepts. */
export const MIN_API_VERSION = '1.24';
