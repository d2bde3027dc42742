// A container's resolved mount, kept on its record from create on, so start,
// inspect, rm -v and volume in-use checks all read the same list.

export interface ContainerMount {
  type: 'bind' | 'volume' | 'tmpfs';
  /** Volume name (type volume). */
  name?: string;
  /** Host path of a bind; '' for volumes (resolved through the volume service) and tmpfs. */
  source: string;
  destination: string;
  driver?: string;
  /** Mode as inspect shows it ("ro", "z", …). */
  mode: string;
  rw: boolean;
  propagation: string;
  /** Fill an empty volume with the image's content at this path before first use. */
  copyUp: boolean;
  /** The volume was made for this container (-v /path, image VOLUME, --mount without source): rm -v removes it. */
  anonymous?: boolean;
  /** Recursive bind (rbind) unless bind-nonrecursive. */
  recursive?: boolean;
  /** tmpfs size= and mode= options. */
  tmpfsOptions?: string[];
}
