// The classic builder's cache lookup: the images in the store are the cache.
// A step is cached when a child of the current image was committed with the
// same container_config (whose Cmd names the instruction, with the sources'
// checksum for COPY/ADD and the build args for RUN).
import type { ContainerConfig, ImageStore } from '../../image';

export function probeCache(images: ImageStore, parent: string, runConfig: ContainerConfig): string | undefined {
  const want = canonical(runConfig);
  for (const child of images.children(parent)) {
    const cfg = images.get(child)?.config;
    if (cfg?.container_config && canonical(cfg.container_config) === want) return child;
  }
  return undefined;
}

/** JSON with sorted keys and empty values dropped, so equal configs compare equal however they were built. */
export function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x as object).sort()) {
        const val = (x as Record<string, unknown>)[k];
        if (val === undefined || val === null || val === '' || (typeof val === 'object' && !Array.isArray(val) && Object.keys(val as object).length === 0)) continue;
        o[k] = norm(val);
      }
      return o;
    }
    return x;
  };
  return JSON.stringify(norm(v));
}
