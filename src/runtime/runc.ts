// Thin wrapper over the runc binary for the verbs berthd runs directly
// (create is conmon's job, see conmon.ts).
import { execFile } from 'node:child_process';
import { system } from '../errdefs';

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
