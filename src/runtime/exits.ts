// Watches the directory where conmon writes `<id>` files holding exit codes
// (inotify through fs.watch). conmon writes them by rename, so a file that is
// seen is complete.
import { watch, readFileSync, readdirSync, rmSync, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

const ID = /^[0-9a-f]{64}$/;

export type ExitHandler = (id: string, code: number) => void;

export class ExitWatcher {
  private watcher?: FSWatcher;

  constructor(private readonly dir: string, private readonly onExit: ExitHandler) {}

  /** Starts watching; returns the exits that happened while nobody watched. */
  start(): { id: string; code: number }[] {
    this.watcher = watch(this.dir, (_event, file) => {
      if (file && ID.test(String(file))) this.check(String(file));
    });
    return readdirSync(this.dir)
      .filter((f) => ID.test(f))
      .map((id) => ({ id, code: this.read(id) }))
      .filter((e): e is { id: string; code: number } => e.code !== undefined);
  }

  stop(): void {
    this.watcher?.close();
  }

  read(id: string): number | undefined {
    try {
      const text = readFileSync(join(this.dir, id), 'utf8').trim();
      const n = parseInt(text, 10);
      return Number.isFinite(n) ? n : undefined;
    } catch {
      return undefined;
    }
  }

  /** Forget an exit once it is recorded in the database. */
  clear(id: string): void {
    rmSync(join(this.dir, id), { force: true });
  }

  private check(id: string): void {
    const code = this.read(id);
    if (code !== undefined) this.onExit(id, code);
  }
}
