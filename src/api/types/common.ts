// Shared Engine API (v1.47) wire shapes. These mirror Docker's swagger; field
// names are the JSON names on the wire (PascalCase), optional where the daemon
// may omit them.

/** The body of every non-2xx response: `{"message": "..."}`. */
export interface ErrorResponse {
  message: string;
}

/** `{"Id": "..."}` as returned by e.g. POST /exec, POST /commit. */
export interface IdResponse {
  Id: string;
}

/**
 * One line of a streamed progress response (pull, push, import, load, build):
 * newline-delimited JSON objects.
 */
export interface JSONMessage {
  id?: string;
  status?: string;
  progress?: string;
  progressDetail?: { current?: number; total?: number; start?: number; hidecounts?: boolean; units?: string };
  stream?: string;
  error?: string;
  errorDetail?: { code?: number; message?: string };
  aux?: unknown;
  time?: number;
  timeNano?: number;
}

/** Filters as sent on the query string: JSON of {key: {value: true}}. */
export type FiltersArgs = Record<string, Record<string, boolean>>;

/** A port as listed by GET /containers/json. */
export interface Port {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: 'tcp' | 'udp' | 'sctp' | string;
}

/** A mount as seen by inspect and ps (MountPoint in the swagger). */
export interface MountPoint {
  Type?: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image' | string;
  Name?: string;
  Source?: string;
  Destination?: string;
  Driver?: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}
