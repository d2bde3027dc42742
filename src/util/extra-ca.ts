// NODE_EXTRA_CA_CERTS for berthd's outgoing TLS (registries). Node 20 parses
// that bundle, together with its own roots, at every start and before any
// script runs: 2 MiB of an idle berthd's RSS on a Debian bundle, for CAs it
// needs only when it talks to an https registry. bin/berthd therefore starts
// node without it and hands the path over as BERTH_EXTRA_CA_CERTS, and the
// registry client adds the file to the roots on its first https connection.
import { readFileSync } from 'node:fs';

let cached: { file: string; pem?: string } | undefined;

/** The PEM text of the extra CA file (NODE_EXTRA_CA_CERTS or BERTH_EXTRA_CA_CERTS), read once; undefined without one. */
export function extraCaCerts(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.NODE_EXTRA_CA_CERTS || env.BERTH_EXTRA_CA_CERTS || '';
  if (cached?.file === file) return cached.pem;
  cached = { file };
  // node itself only warns about an unreadable file and goes on without it
  if (file) {
    try {
      cached.pem = readFileSync(file, 'utf8');
    } catch {
      // the same
    }
  }
  return cached.pem;
}
