// A real terminal for tests: a private tmux server (its own socket name) with
// one window of a chosen size running bash. Tests type into it and read the
// screen, so raw mode, window sizes and detach keys go through a real pty.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export class Tmux {
  readonly server = `bt-${randomBytes(4).toString('hex')}`;

  constructor(env: Record<string, string>, width = 100, height = 30) {
    const vars = Object.entries(env).map(([k, v]) => `${k}='${v}'`);
    this.tmux(['new-session', '-d', '-s', 't', '-x', String(width), '-y', String(height), `env ${vars.join(' ')} bash --norc --noprofile`]);
    this.tmux(['set-option', '-g', 'status', 'off']);
  }

  private tmux(args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.server, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** Types a line and presses Enter. */
  line(text: string): void {
    this.tmux(['send-keys', '-t', 't', '-l', text]);
    this.tmux(['send-keys', '-t', 't', 'Enter']);
  }

  /** Sends keys in tmux notation (C-p, C-q, C-d). */
  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', 't', ...keys]);
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', 't', '-S', '-200']);
  }

  resize(width: number, height: number): void {
    this.tmux(['resize-window', '-t', 't', '-x', String(width), '-y', String(height)]);
  }

  /** Waits until the screen matches, or throws with what it shows. */
  async waitFor(re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const m = this.screen().match(re);
      if (m) return m;
      if (Date.now() > end) throw new Error(`screen never matched ${re}:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits until the last non-blank line matches: the current prompt, not one in the scrollback. */
  async waitForLastLine(re: RegExp, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.screen().split('\n').filter((l) => l.trim());
      const last = lines[lines.length - 1]?.trimEnd() ?? '';
      if (re.test(last)) return last;
      if (Date.now() > end) throw new Error(`last line never matched ${re}:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Waits until the shell's prompt (PS1 "PROMPT$") is the last line again. */
  async waitForPrompt(timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const lines = this.screen().split('\n').filter((l) => l.trim());
      if (/PROMPT\$$/.test(lines[lines.length - 1]?.trim() ?? '')) return;
      if (Date.now() > end) throw new Error(`no prompt:\n${this.screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  kill(): void {
    spawnSync('tmux', ['-L', this.server, 'kill-server']);
  }
}
