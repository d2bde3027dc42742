// berth's compose as a docker CLI plugin (`docker compose …`): the docker
// CLI runs the plugin with its own arguments (`docker -H unix:///x compose
// up -d` gives `-H unix:///x compose up -d`) after asking it for its
// metadata (`docker-cli-plugin-metadata`). The docker CLI's global flags
// before "compose" are read for the daemon address; the rest is
// `berth compose`, which talks only to the Engine API.
import { clientVersion } from '../version-info';

const VALUE_FLAGS = new Set(['-H', '--host', '-c', '--context', '--config', '-l', '--log-level', '--tlscacert', '--tlscert', '--tlskey']);

export function pluginArgs(argv: string[]): string[] | 'metadata' {
  if (argv[0] === 'docker-cli-plugin-metadata') return 'metadata';
  const at = argv.indexOf('compose');
  const globals = at < 0 ? [] : argv.slice(0, at);
  const rest = at < 0 ? argv : argv.slice(at + 1);
  const out: string[] = [];
  for (let i = 0; i < globals.length; i++) {
    const a = globals[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (!VALUE_FLAGS.has(flag)) {
      if (flag === '-D' || flag === '--debug' || flag === '--tls' || flag === '--tlsverify') out.push(flag);
      continue;
    }
    const v = inline ?? globals[++i];
    if (flag === '-H' || flag === '--host') out.push('-H', v);
    else if (flag.startsWith('--tls')) out.push(`${flag}=${v}`);
  }
  return [...out, 'compose', ...rest];
}

export function metadata(): string {
  return JSON.stringify({ SchemaVersion: '0.1.0', Vendor: 'berth', Version: clientVersion().version, ShortDescription: 'Docker Compose (berth compose)' });
}
