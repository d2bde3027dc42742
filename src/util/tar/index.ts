export { extractTar, type ExtractOptions, type ExtractResult } from './extract';
export { cleanComponents, resolveInRoot, resolveFollow, resolveNoFollow, resolveFollowSync, resolveInRootSync } from './resolve';
