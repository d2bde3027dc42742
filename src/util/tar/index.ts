export { extractTar, type ExtractOptions, type ExtractResult } from './extract';
export { cleanComponents, resolveInRoot, resolveFollow, resolveNoFollow } from './resolve';
