// Where a container's files live. Bundles (config.json, attach socket, ctl
// fifo, the rootfs mount point) are under the exec root (tmpfs, gone at
// reboot like the processes); logs and etc files persist under the data root.
import { join } from 'node:path';
import type { DaemonSettings } from './deps';

export const containerDir = (s: DaemonSettings, id: string): string => join(s.dataRoot, 'containers', id);
export const bundleDir = (s: DaemonSettings, id: string): string => join(s.execRoot, 'c', id);
export const rootfsDir = (s: DaemonSettings, id: string): string => join(bundleDir(s, id), 'rootfs');
export const logFile = (s: DaemonSettings, id: string): string => join(containerDir(s, id), 'container.log');
export const exitDir = (s: DaemonSettings): string => join(s.execRoot, 'exits');
