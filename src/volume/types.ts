// The volume record berthd keeps (one SQLite row, see metadata/volumes.ts)
// and the storage interface the volume service needs from metadata/.

export interface VolumeRecord {
  name: string;
  driver: string;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** RFC 3339, like Docker's CreatedAt. */
  createdAt: string;
  /** Made for `-v /path` or an image VOLUME rather than by name. */
  anonymous: boolean;
}

export interface VolumeRecords {
  get(name: string): VolumeRecord | undefined;
  all(): VolumeRecord[];
  /** Throws when the name is taken (UNIQUE constraint). */
  insert(rec: VolumeRecord): void;
  delete(name: string): void;
}

/** Docker's label for volumes made without a name (API >= 1.42 prunes only these by default). */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';
