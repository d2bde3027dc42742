// What the volume router needs from the daemon; the volume package provides
// it (wired in daemon/). Nothing HTTP crosses this line.

export interface VolumeBackend {
  list(filters: Map<string, string[]>): { Volumes: unknown[]; Warnings: string[] };
  create(body: unknown): Promise<unknown>;
  inspect(name: string): unknown;
  remove(name: string, force: boolean): Promise<void>;
  /** anonymousOnly: API >= 1.42 prunes only anonymous volumes unless filter all=true. */
  prune(filters: Map<string, string[]>, anonymousOnly: boolean): Promise<{ VolumesDeleted: string[]; SpaceReclaimed: number }>;
}
