// /containers/{id}/exec and /exec/... endpoints.
import type { Client } from './client';
import type { HijackedStream } from './hijack';
import { pathSegment } from './query';

export interface ExecCreateRequest {
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  Cmd: string[];
  Detach?: boolean;
  Env?: string[] | null;
  WorkingDir?: string;
  User?: string;
  Privileged?: boolean;
  DetachKeys?: string;
  /** [height, width] */
  ConsoleSize?: [number, number] | null;
}

export interface ExecCreateResponse {
  Id: string;
}

export interface ExecStartOptions {
  Detach?: boolean;
  Tty?: boolean;
  ConsoleSize?: [number, number] | null;
}

export interface ExecInspectResponse {
  ID: string;
  Running: boolean;
  ExitCode: number | null;
  ProcessConfig?: { tty: boolean; entrypoint: string; arguments: string[]; privileged: boolean; user?: string };
  OpenStdin?: boolean;
  OpenStderr?: boolean;
  OpenStdout?: boolean;
  CanRemove?: boolean;
  ContainerID: string;
  DetachKeys?: string;
  Pid: number;
}

const e = (id: string): string => `/exec/${pathSegment(id)}`;

export class ExecAPI {
  constructor(private readonly c: Client) {}

  /** Set up a process in a running container (201 {Id}). */
  create(container: string, body: ExecCreateRequest): Promise<ExecCreateResponse> {
    return this.c.json('POST', `/containers/${pathSegment(container)}/exec`, { body });
  }

  /** Start detached: the daemon answers at once, the process runs on. */
  startDetached(id: string, opts: ExecStartOptions = {}): Promise<void> {
    return this.c.empty('POST', `${e(id)}/start`, { body: { Detach: true, Tty: !!opts.Tty, ConsoleSize: opts.ConsoleSize ?? null } });
  }

  /** Start attached: the connection is hijacked like container attach. */
  attach(id: string, opts: ExecStartOptions = {}, signal?: AbortSignal): Promise<HijackedStream> {
    return this.c.hijack(`${e(id)}/start`, undefined, signal, { Detach: false, Tty: !!opts.Tty, ConsoleSize: opts.ConsoleSize ?? null });
  }

  inspect(id: string): Promise<ExecInspectResponse> {
    return this.c.json('GET', `${e(id)}/json`);
  }

  resize(id: string, height: number, width: number): Promise<void> {
    return this.c.empty('POST', `${e(id)}/resize`, { query: { h: height, w: width } });
  }
}
