// Whether exec and run give the process a TTY: yes unless -T, and only when
// both our stdin and stdout are terminals (compose's auto-detection), so a
// piped or scripted call gets clean, demultiplexed output.
import type { Cli } from '../context';

export function wantsTty(cli: Cli, o: Record<string, unknown>): boolean {
  return o.TTY !== false && !!cli.in.isTTY && !!(cli.out as NodeJS.WriteStream).isTTY;
}
