// Every command berth knows, where it lives in the tree and which module
// implements it. Modules are required only for the command actually run, so
// that `berth ps` does not load `run`'s code (and `--help` loads none).

export interface CommandEntry {
  /** path below the root, e.g. ['container', 'ls'] */
  path: string[];
  /** other names under the same parent, e.g. ['list', 'ps'] */
  aliases?: string[];
  /** module under ./commands exporting `setup(cmd)` */
  module: string;
  summary: string;
  group?: 'common' | 'commands';
}

export interface ManagementEntry {
  name: string;
  summary: string;
}

export const MANAGEMENT: ManagementEntry[] = [
  { name: 'builder', summary: 'Manage builds' },
  { name: 'compose', summary: 'Define and run multi-container applications' },
  { name: 'container', summary: 'Manage containers' },
  { name: 'image', summary: 'Manage images' },
  { name: 'network', summary: 'Manage networks' },
  { name: 'system', summary: 'Manage berth' },
  { name: 'volume', summary: 'Manage volumes' },
];

export const COMMANDS: CommandEntry[] = [
  // compose verbs live in ../compose/verbs (one file each)
  { path: ['compose', 'build'], module: '../compose/verbs/build', summary: 'Build or rebuild services' },
  { path: ['compose', 'config'], module: '../compose/verbs/config', summary: 'Parse, resolve and render compose file in canonical format' },
  { path: ['compose', 'cp'], module: '../compose/verbs/cp', summary: 'Copy files/folders between a service container and the local filesystem' },
  { path: ['compose', 'create'], module: '../compose/verbs/create', summary: 'Creates containers for a service' },
  { path: ['compose', 'down'], module: '../compose/verbs/down', summary: 'Stop and remove containers, networks' },
  { path: ['compose', 'events'], module: '../compose/verbs/events', summary: 'Receive real time events from containers' },
  { path: ['compose', 'exec'], module: '../compose/verbs/exec', summary: 'Execute a command in a running container' },
  { path: ['compose', 'images'], module: '../compose/verbs/images', summary: 'List images used by the created containers' },
  { path: ['compose', 'kill'], module: '../compose/verbs/kill', summary: 'Force stop service containers' },
  { path: ['compose', 'logs'], module: '../compose/verbs/logs', summary: 'View output from containers' },
  { path: ['compose', 'ls'], module: '../compose/verbs/ls', summary: 'List running compose projects' },
  { path: ['compose', 'pause'], module: '../compose/verbs/pause', summary: 'Pause services' },
  { path: ['compose', 'port'], module: '../compose/verbs/port', summary: 'Print the public port for a port binding' },
  { path: ['compose', 'ps'], module: '../compose/verbs/ps', summary: 'List containers' },
  { path: ['compose', 'pull'], module: '../compose/verbs/pull', summary: 'Pull service images' },
  { path: ['compose', 'push'], module: '../compose/verbs/push', summary: 'Push service images' },
  { path: ['compose', 'restart'], module: '../compose/verbs/restart', summary: 'Restart service containers' },
  { path: ['compose', 'rm'], module: '../compose/verbs/rm', summary: 'Removes stopped service containers' },
  { path: ['compose', 'run'], module: '../compose/verbs/run', summary: 'Run a one-off command on a service' },
  { path: ['compose', 'start'], module: '../compose/verbs/start', summary: 'Start services' },
  { path: ['compose', 'stop'], module: '../compose/verbs/stop', summary: 'Stop services' },
  { path: ['compose', 'top'], module: '../compose/verbs/top', summary: 'Display the running processes' },
  { path: ['compose', 'unpause'], module: '../compose/verbs/unpause', summary: 'Unpause services' },
  { path: ['compose', 'up'], module: '../compose/verbs/up', summary: 'Create and start containers' },
  { path: ['compose', 'version'], module: '../compose/verbs/version', summary: 'Show the Docker Compose version information' },
  // common commands, in docker's order
  { path: ['run'], module: 'run', summary: 'Create and run a new container from an image', group: 'common' },
  { path: ['exec'], module: 'exec', summary: 'Execute a command in a running container', group: 'common' },
  { path: ['build'], module: 'build', summary: 'Build an image from a Dockerfile', group: 'common' },
  { path: ['ps'], module: 'ps', summary: 'List containers', group: 'common' },
  { path: ['pull'], module: 'pull', summary: 'Download an image from a registry', group: 'common' },
  { path: ['push'], module: 'push', summary: 'Upload an image to a registry', group: 'common' },
  { path: ['images'], module: 'images', summary: 'List images', group: 'common' },
  { path: ['login'], module: 'login', summary: 'Authenticate to a registry', group: 'common' },
  { path: ['logout'], module: 'logout', summary: 'Log out from a registry', group: 'common' },
  { path: ['search'], module: 'search', summary: 'Search a registry for images', group: 'common' },
  { path: ['version'], module: 'version', summary: 'Show the berth version information', group: 'common' },
  { path: ['info'], module: 'info', summary: 'Display system-wide information', group: 'common' },
  // top-level shortcuts
  { path: ['attach'], module: 'attach', summary: 'Attach local standard input, output, and error streams to a running container' },
  { path: ['commit'], module: 'commit', summary: "Create a new image from a container's changes" },
  { path: ['cp'], module: 'cp', summary: 'Copy files/folders between a container and the local filesystem' },
  { path: ['create'], module: 'create', summary: 'Create a new container' },
  { path: ['events'], module: 'events', summary: 'Get real time events from the server' },
  { path: ['diff'], module: 'diff', summary: "Inspect changes to files or directories on a container's filesystem" },
  { path: ['export'], module: 'export', summary: "Export a container's filesystem as a tar archive" },
  { path: ['history'], module: 'history', summary: 'Show the history of an image' },
  { path: ['import'], module: 'import', summary: 'Import the contents from a tarball to create a filesystem image' },
  { path: ['inspect'], module: 'inspect', summary: 'Return low-level information on berth objects' },
  { path: ['kill'], module: 'kill', summary: 'Kill one or more running containers' },
  { path: ['logs'], module: 'logs', summary: 'Fetch the logs of a container' },
  { path: ['load'], module: 'load', summary: 'Load an image from a tar archive or STDIN' },
  { path: ['port'], module: 'port', summary: 'List port mappings or a specific mapping for the container' },
  { path: ['pause'], module: 'pause', summary: 'Pause all processes within one or more containers' },
  { path: ['update'], module: 'update', summary: 'Update configuration of one or more containers' },
  { path: ['rename'], module: 'rename', summary: 'Rename a container' },
  { path: ['restart'], module: 'restart', summary: 'Restart one or more containers' },
  { path: ['rm'], module: 'rm', summary: 'Remove one or more containers' },
  { path: ['rmi'], module: 'rmi', summary: 'Remove one or more images' },
  { path: ['save'], module: 'save', summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)' },
  { path: ['stats'], module: 'stats', summary: 'Display a live stream of container(s) resource usage statistics' },
  { path: ['start'], module: 'start', summary: 'Start one or more stopped containers' },
  { path: ['stop'], module: 'stop', summary: 'Stop one or more running containers' },
  { path: ['tag'], module: 'tag', summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE' },
  { path: ['top'], module: 'top', summary: 'Display the running processes of a container' },
  { path: ['unpause'], module: 'unpause', summary: 'Unpause all processes within one or more containers' },
  { path: ['wait'], module: 'wait', summary: 'Block until one or more containers stop, then print their exit codes' },
  // berth container ...
  { path: ['container', 'attach'], module: 'attach', summary: 'Attach local standard input, output, and error streams to a running container' },
  { path: ['container', 'commit'], module: 'commit', summary: "Create a new image from a container's changes" },
  { path: ['container', 'cp'], module: 'cp', summary: 'Copy files/folders between a container and the local filesystem' },
  { path: ['container', 'create'], module: 'create', summary: 'Create a new container' },
  { path: ['container', 'diff'], module: 'diff', summary: "Inspect changes to files or directories on a container's filesystem" },
  { path: ['container', 'exec'], module: 'exec', summary: 'Execute a command in a running container' },
  { path: ['container', 'export'], module: 'export', summary: "Export a container's filesystem as a tar archive" },
  { path: ['container', 'inspect'], module: 'container-inspect', summary: 'Display detailed information on one or more containers' },
  { path: ['container', 'kill'], module: 'kill', summary: 'Kill one or more running containers' },
  { path: ['container', 'logs'], module: 'logs', summary: 'Fetch the logs of a container' },
  { path: ['container', 'ls'], aliases: ['list', 'ps'], module: 'ps', summary: 'List containers' },
  { path: ['container', 'pause'], module: 'pause', summary: 'Pause all processes within one or more containers' },
  { path: ['container', 'update'], module: 'update', summary: 'Update configuration of one or more containers' },
  { path: ['container', 'prune'], module: 'container-prune', summary: 'Remove all stopped containers' },
  { path: ['container', 'rename'], module: 'rename', summary: 'Rename a container' },
  { path: ['container', 'restart'], module: 'restart', summary: 'Restart one or more containers' },
  { path: ['container', 'rm'], aliases: ['remove'], module: 'rm', summary: 'Remove one or more containers' },
  { path: ['container', 'run'], module: 'run', summary: 'Create and run a new container from an image' },
  { path: ['container', 'start'], module: 'start', summary: 'Start one or more stopped containers' },
  { path: ['container', 'stats'], module: 'stats', summary: 'Display a live stream of container(s) resource usage statistics' },
  { path: ['container', 'stop'], module: 'stop', summary: 'Stop one or more running containers' },
  { path: ['container', 'top'], module: 'top', summary: 'Display the running processes of a container' },
  { path: ['container', 'unpause'], module: 'unpause', summary: 'Unpause all processes within one or more containers' },
  { path: ['container', 'wait'], module: 'wait', summary: 'Block until one or more containers stop, then print their exit codes' },
  // berth image ...
  { path: ['image', 'history'], module: 'history', summary: 'Show the history of an image' },
  { path: ['image', 'build'], module: 'build', summary: 'Build an image from a Dockerfile' },
  { path: ['image', 'import'], module: 'import', summary: 'Import the contents from a tarball to create a filesystem image' },
  { path: ['image', 'inspect'], module: 'image-inspect', summary: 'Display detailed information on one or more images' },
  { path: ['image', 'load'], module: 'load', summary: 'Load an image from a tar archive or STDIN' },
  { path: ['image', 'ls'], aliases: ['list'], module: 'images', summary: 'List images' },
  { path: ['image', 'pull'], module: 'pull', summary: 'Download an image from a registry' },
  { path: ['image', 'push'], module: 'push', summary: 'Upload an image to a registry' },
  { path: ['image', 'prune'], module: 'image-prune', summary: 'Remove unused images' },
  { path: ['builder', 'prune'], module: 'builder-prune', summary: 'Remove build cache' },
  { path: ['builder', 'build'], module: 'build', summary: 'Build an image from a Dockerfile' },
  { path: ['image', 'rm'], aliases: ['remove'], module: 'rmi', summary: 'Remove one or more images' },
  { path: ['image', 'save'], module: 'save', summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)' },
  { path: ['image', 'tag'], module: 'tag', summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE' },
  { path: ['container', 'port'], module: 'port', summary: 'List port mappings or a specific mapping for the container' },
  // berth network ...
  { path: ['network', 'connect'], module: 'network-connect', summary: 'Connect a container to a network' },
  { path: ['network', 'create'], module: 'network-create', summary: 'Create a network' },
  { path: ['network', 'disconnect'], module: 'network-disconnect', summary: 'Disconnect a container from a network' },
  { path: ['network', 'inspect'], module: 'network-inspect', summary: 'Display detailed information on one or more networks' },
  { path: ['network', 'ls'], aliases: ['list'], module: 'network-ls', summary: 'List networks' },
  { path: ['network', 'prune'], module: 'network-prune', summary: 'Remove all unused networks' },
  { path: ['network', 'rm'], aliases: ['remove'], module: 'network-rm', summary: 'Remove one or more networks' },
  // berth system ...
  { path: ['system', 'df'], module: 'system-df', summary: 'Show berth disk usage' },
  { path: ['system', 'events'], module: 'events', summary: 'Get real time events from the server' },
  { path: ['system', 'info'], module: 'info', summary: 'Display system-wide information' },
  { path: ['system', 'prune'], module: 'system-prune', summary: 'Remove unused data' },
  // berth volume ...
  { path: ['volume', 'create'], module: 'volume-create', summary: 'Create a volume' },
  { path: ['volume', 'inspect'], module: 'volume-inspect', summary: 'Display detailed information on one or more volumes' },
  { path: ['volume', 'ls'], aliases: ['list'], module: 'volume-ls', summary: 'List volumes' },
  { path: ['volume', 'prune'], module: 'volume-prune', summary: 'Remove unused local volumes' },
  { path: ['volume', 'rm'], aliases: ['remove'], module: 'volume-rm', summary: 'Remove one or more volumes' },
];

/** Every full path (with aliases) that reaches `module`, management paths first, as docker lists them. */
export function aliasPaths(module: string, root = 'berth'): string[] {
  const out: string[] = [];
  const entries = COMMANDS.filter((c) => c.module === module);
  const sorted = [...entries.filter((e) => e.path.length > 1), ...entries.filter((e) => e.path.length === 1)];
  for (const e of sorted) {
    const parent = e.path.slice(0, -1);
    for (const name of [e.path[e.path.length - 1], ...(e.aliases ?? [])]) out.push([root, ...parent, name].join(' '));
  }
  return out;
}
