export type { BlobInfo, ContentStore, Expected } from './store';
export { createLocalContentStore } from './local';
