// The labels docker compose puts on what it makes, so that a project made by
// either tool is found and understood by the other.

export const L = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  oneoff: 'com.docker.compose.oneoff',
  hash: 'com.docker.compose.config-hash',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  version: 'com.docker.compose.version',
  network: 'com.docker.compose.network',
  volume: 'com.docker.compose.volume',
  dependsOn: 'com.docker.compose.depends_on',
  image: 'com.docker.compose.image',
} as const;

/** The compose version berth's compose speaks for (its labels and behaviour follow docker compose v2). */
export const COMPOSE_VERSION = '2.29.0';

/** A filter on the project's label (and more labels), for list requests. */
export function projectFilter(project: string, more: string[] = []): Map<string, string[]> {
  return new Map([['label', [`${L.project}=${project}`, ...more]]]);
}
