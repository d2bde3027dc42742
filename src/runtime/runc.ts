// Thin wrapper over the runc binary for the verbs berthd runs directly
// (create is conmon's job, see conmon.ts).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { system } from '../errdefs';
import { deleteStopped, startCreated } from './direct';

export interface RuncOptions {
  binary: string;
  /** runc's state directory (--root); one per berthd, so two daemons never meet. */
  root: string;
}

export interface RuncState {
  id: string;
  pid: number;
  status: 'created' | 'running' | 'paused' | 'stopped' | 'creating';
}

export class Runc {
  constructor(private readonly opts: RuncOptions) {}

  get binary(): string {
    return this.opts.binary;
  }

  get root(): string {
    return this.opts.root;
  }

  private run(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(this.opts.binary, ['--root', this.opts.root, ...args], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
        if (err) reject(system(`runc ${args[0]} failed: ${(stderr || err.message).trim()}`, err));
        else resolve(stdout);
      });
    });
  }

  start(id: string): Promise<string> {
    return this.run(['start', id]);
  }

  /** `runc start`, done in-process when the state is runc's plain "created" (see direct.ts). */
  async startInit(id: string, initPid: number): Promise<void> {
    if (!(await startCreated(join(this.opts.root, id), initPid))) await this.start(id);
  }

  /** `runc delete --force` of a container whose init has exited, in-process when nothing is left over (see direct.ts). */
  async deleteExited(id: string): Promise<void> {
    if (!deleteStopped(join(this.opts.root, id))) await this.delete(id, true);
  }

  kill(id: string, signal: string, all = false): Promise<string> {
    return this.run(['kill', ...(all ? ['--all'] : []), id, signal]);
  }

  delete(id: string, force = false): Promise<string> {
    return this.run(['delete', ...(force ? ['--force'] : []), id]);
  }

  pause(id: string): Promise<string> {
    return this.run(['pause', id]);
  }

  resume(id: string): Promise<string> {
    return this.run(['resume', id]);
  }

  async state(id: string): Promise<RuncState | null> {
    try {
      return JSON.parse(await this.run(['state', id])) as RuncState;
    } catch {
      return null;
    }
  }
}
