// Runs CNI plugins (the Debian containernetworking-plugins binaries) the way
// the CNI spec says: config on stdin, parameters in CNI_* variables, a JSON
// result or error on stdout. A chain (bridge, then portmap when ports are
// published) gets each plugin's result as prevResult, as a conflist would.
import { execFile } from 'node:child_process';
import { system } from '../errdefs';

export const CNI_VERSION = '1.0.0';

export interface CniResult {
  cniVersion?: string;
  interfaces?: { name: string; mac?: string; sandbox?: string }[];
  ips?: { address: string; gateway?: string; interface?: number }[];
  routes?: { dst: string; gw?: string }[];
}

export interface CniCall {
  command: 'ADD' | 'DEL' | 'CHECK';
  containerId: string;
  netns: string;
  ifname: string;
  /** CNI_ARGS pairs, e.g. IP and MAC for host-local and bridge. */
  args?: Record<string, string>;
}

export interface CniEnv {
  pluginDir: string;
}

export class CniError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly details: string,
  ) {
    super(details ? `${msg}: ${details}` : msg);
  }
}

export function invokePlugin(env: CniEnv, conf: Record<string, unknown>, call: CniCall): Promise<CniResult> {
  const type = String(conf.type);
  const args = Object.entries({ IgnoreUnknown: '1', ...(call.args ?? {}) })
    .map(([k, v]) => `${k}=${v}`)
    .join(';');
  return new Promise((resolve, reject) => {
    const child = execFile(
      `${env.pluginDir}/${type}`,
      [],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          CNI_COMMAND: call.command,
          CNI_CONTAINERID: call.containerId,
          CNI_NETNS: call.netns,
          CNI_IFNAME: call.ifname,
          CNI_PATH: env.pluginDir,
          CNI_ARGS: args,
        },
        maxBuffer: 4 << 20,
      },
      (err, stdout) => {
        const out = String(stdout).trim();
        if (err) {
          let parsed: { code?: number; msg?: string; details?: string } = {};
          try {
            parsed = JSON.parse(out);
          } catch {
            /* not JSON: the plugin crashed */
          }
          if (parsed.msg) return reject(new CniError(parsed.code ?? 999, parsed.msg, parsed.details ?? ''));
          return reject(system(`CNI plugin ${type} ${call.command}: ${out || err.message}`));
        }
        try {
          resolve(out ? (JSON.parse(out) as CniResult) : {});
        } catch {
          reject(system(`CNI plugin ${type} ${call.command}: bad output: ${out}`));
        }
      },
    );
    child.stdin?.end(JSON.stringify(conf));
  });
}

/** ADD through a chain of plugins; on failure the ones that succeeded are deleted again. */
export async function addChain(env: CniEnv, name: string, plugins: Record<string, unknown>[], call: Omit<CniCall, 'command'>): Promise<CniResult> {
  let prev: CniResult | undefined;
  const done: Record<string, unknown>[] = [];
  try {
    for (const p of plugins) {
      const conf = { cniVersion: CNI_VERSION, name, ...p, ...(prev ? { prevResult: prev } : {}) };
      prev = await invokePlugin(env, conf, { ...call, command: 'ADD' });
      done.push(p);
    }
  } catch (err) {
    await delChain(env, name, done, call).catch(() => {});
    throw err;
  }
  return prev ?? {};
}

/** DEL in reverse order; every plugin is asked even when one fails, and the first error is thrown last. */
export async function delChain(env: CniEnv, name: string, plugins: Record<string, unknown>[], call: Omit<CniCall, 'command'>): Promise<void> {
  let first: unknown;
  for (const p of [...plugins].reverse()) {
    try {
      await invokePlugin(env, { cniVersion: CNI_VERSION, name, ...p }, { ...call, command: 'DEL' });
    } catch (err) {
      first ??= err;
    }
  }
  if (first) throw first;
}
