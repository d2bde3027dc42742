// The CLI's own version: package.json's version and the checkout's commit.
import * as fs from 'node:fs';
import * as path from 'node:path';

function packageRoot(): string {
  // dist/src/cli/main.js -> project root; src/cli/main.ts (ts-node) -> project root
  return path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../..' : '../..');
}

export function clientVersion(): { version: string; commit: string } {
  const root = packageRoot();
  let version = '0.0.0';
  let commit = 'unknown';
  try {
    version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // keep the default
  }
  try {
    const head = fs.readFileSync(path.join(root, '.git', 'HEAD'), 'utf8').trim();
    const ref = head.startsWith('ref: ') ? fs.readFileSync(path.join(root, '.git', head.slice(5)), 'utf8').trim() : head;
    if (/^[0-9a-f]{7,}$/.test(ref)) commit = ref.slice(0, 7);
  } catch {
    // not a checkout
  }
  return { version, commit };
}
