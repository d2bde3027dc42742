export type { Info, Kind, Mount, SnapshotOptions, Snapshotter, Usage } from './snapshotter';
export type { NewSnapshotRecord, SnapshotRecord, SnapshotRecords, SnapshotUpdate } from './records';
export { createOverlaySnapshotter, type OverlaySnapshotterOptions } from './overlay';
export { createMemoryRecords } from './memory';
export { diskUsage } from './usage';
