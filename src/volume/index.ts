export { VolumeService, type CreateVolumeRequest, type VolumeView, type VolumeServiceDeps, type VolumeMounter } from './service';
export { ANONYMOUS_LABEL, type VolumeRecord, type VolumeRecords } from './types';
export { validateVolumeName } from './names';
export { parseBind, type BindSpec } from './bind';
