// Runs a docker-py (Debian's python3-docker) snippet against a daemon: the
// compatibility suites drive berthd through a real client's own code paths.
import { spawnSync } from 'node:child_process';

export interface PyResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `client` is docker.DockerClient and `api` its low-level APIClient, both on
 * `socket`; `docker` and `json` are imported. Extra environment (DOCKER_CONFIG)
 * goes in `env`.
 */
export function dockerPy(socket: string, code: string, o: { env?: Record<string, string>; timeoutMs?: number } = {}): PyResult {
  const script = [
    'import docker, json, sys, time',
    `client = docker.DockerClient(base_url=${JSON.stringify(`unix://${socket}`)})`,
    'api = client.api',
    code,
    '',
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], {
    encoding: 'utf8',
    timeout: o.timeoutMs ?? 60_000,
    env: { ...process.env, ...o.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}
