// What the distribution route needs; the daemon wires it to src/registry.
import type { AuthConfig, Platform } from '../../../registry';

/** GET /distribution/{name}/json's answer (Engine API DistributionInspect). */
export interface DistributionInspect {
  Descriptor: { mediaType: string; digest: string; size: number };
  /** null when the registry says nothing of the platform, as dockerd. */
  Platforms: Platform[] | null;
}

export interface DistributionBackend {
  /** Asks the reference's registry, with these credentials (anonymous when none). */
  inspect(name: string, auth?: AuthConfig): Promise<DistributionInspect>;
}
