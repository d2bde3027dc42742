// Container and volume-mount events with the attributes dockerd attaches
// (LogContainerEventWithAttributes: the container's labels, image and name).
import type { ContainerDeps } from './deps';
import type { ContainerRecord } from './types';

type Rec = Pick<ContainerRecord, 'id' | 'image' | 'name' | 'config'>;

export function containerAttrs(rec: Rec, extra: Record<string, string> = {}): Record<string, string> {
  return { ...(rec.config?.Labels ?? {}), image: rec.image, name: rec.name, ...extra };
}

export function emitContainer(deps: Pick<ContainerDeps, 'events'>, rec: Rec, action: string, extra: Record<string, string> = {}): void {
  deps.events.emit('container', action, rec.id, containerAttrs(rec, extra));
}

/** `volume mount` for each named volume as the container starts, `unmount` when it stops (dockerd's volume events). */
export function emitVolumeMounts(deps: Pick<ContainerDeps, 'events'>, rec: Pick<ContainerRecord, 'id' | 'mounts'>, action: 'mount' | 'unmount'): void {
  for (const m of rec.mounts ?? []) {
    if (m.type !== 'volume' || !m.name) continue;
    const attrs: Record<string, string> =
      action === 'mount'
        ? { container: rec.id, destination: m.destination, driver: m.driver || 'local', propagation: m.propagation ?? '', 'read/write': String(m.rw) }
        : { container: rec.id, driver: m.driver || 'local' };
    deps.events.emit('volume', action, m.name, attrs);
  }
}
