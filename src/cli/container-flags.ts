// The flags shared by `run` and `create`, named and typed as in the docker CLI
// reference. Values that docker checks while parsing flags are checked here
// (errors read `invalid argument "5x" for "-m, --memory" flag: ...`); the
// rest is checked by buildCreatePlan (opts/container.ts).
import type { Mount, Ulimit } from '../api/types';
import type { BerthCommand } from './command';
import { parseBytes } from './format/humanize';
import type { ContainerFlags } from './opts/container';
import { parseGoDuration, parseGoInt, parseNanoCpus } from './opts/goparse';
import { validateEnv, validateLabel } from './opts/kv';
import { parseMount } from './opts/mounts';
import { validateExtraHost, validateIPAddress } from './opts/netaddr';
import { parseUlimit, validateAttach, validateSysctl } from './opts/resources';
import * as path from 'node:path';

const int = (v: string): number => parseGoInt(v);
const bytes = (v: string): number => parseBytes(v);
const swapBytes = (v: string): number => (v === '-1' ? -1 : parseBytes(v));
const durationNs = (v: string): number => Math.round(parseGoDuration(v) * 1e6);
const env = (v: string): string => validateEnv(v, (k) => process.env[k]);

/** Add every run/create flag to cmd. `run` adds the attach-related ones. */
export function addContainerFlags(cmd: BerthCommand, isRun: boolean): void {
  cmd.helpOption('--help', 'Print usage');
  cmd
    .list('--add-host <list>', 'Add a custom host-to-IP mapping (host:ip)', validateExtraHost)
    .list('--annotation <map>', 'Add an annotation to the container (passed through to the OCI runtime) (default map[])')
    .list<string>('-a, --attach <list>', 'Attach to STDIN, STDOUT or STDERR', validateAttach)
    .list('--cap-add <list>', 'Add Linux capabilities')
    .list('--cap-drop <list>', 'Drop Linux capabilities')
    .value('--cgroup-parent <string>', 'Optional parent cgroup for the container')
    .value('--cgroupns <string>', 'Cgroup namespace to use (host|private)')
    .value('--cidfile <string>', 'Write the container ID to the file')
    .value('--cpu-period <int>', 'Limit CPU CFS (Completely Fair Scheduler) period', int)
    .value('--cpu-quota <int>', 'Limit CPU CFS (Completely Fair Scheduler) quota', int)
    .value('-c, --cpu-shares <int>', 'CPU shares (relative weight)', int)
    .value('--cpus <decimal>', 'Number of CPUs', parseNanoCpus)
    .value('--cpuset-cpus <string>', 'CPUs in which to allow execution (0-3, 0,1)')
    .value('--cpuset-mems <string>', 'MEMs in which to allow execution (0-3, 0,1)');
  if (isRun) {
    cmd.flag('-d, --detach', 'Run container in background and print container ID');
    cmd.value('--detach-keys <string>', 'Override the key sequence for detaching a container');
  }
  cmd
    .list('--device <list>', 'Add a host device to the container')
    .list('--dns <list>', 'Set custom DNS servers', validateIPAddress)
    .list('--dns-option <list>', 'Set DNS options')
    .list('--dns-search <list>', 'Set custom DNS search domains')
    .value('--domainname <string>', 'Container NIS domain name')
    .value('--entrypoint <string>', 'Overwrite the default ENTRYPOINT of the image')
    .list('-e, --env <list>', 'Set environment variables', env)
    .list('--env-file <list>', 'Read in a file of environment variables')
    .list('--expose <list>', 'Expose a port or a range of ports')
    .list('--group-add <list>', 'Add additional groups to join')
    .value('--health-cmd <string>', 'Command to run to check health')
    .value('--health-interval <duration>', 'Time between running the check (ms|s|m|h) (default 0s)', durationNs)
    .value('--health-retries <int>', 'Consecutive failures needed to report unhealthy', int)
    .value('--health-start-interval <duration>', 'Time between running the check during the start period (ms|s|m|h) (default 0s)', durationNs)
    .value('--health-start-period <duration>', 'Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)', durationNs)
    .value('--health-timeout <duration>', 'Maximum time to allow one check to run (ms|s|m|h) (default 0s)', durationNs)
    .value('-h, --hostname <string>', 'Container host name')
    .flag('--init', 'Run an init inside the container that forwards signals and reaps processes')
    .flag('-i, --interactive', 'Keep STDIN open even if not attached')
    .value('--ip <string>', 'IPv4 address (e.g., 172.30.100.104)')
    .value('--ip6 <string>', 'IPv6 address (e.g., 2001:db8::33)')
    .value('--ipc <string>', 'IPC mode to use')
    .list('-l, --label <list>', 'Set meta data on a container', validateLabel)
    .list('--label-file <list>', 'Read in a line delimited file of labels')
    .list('--link <list>', 'Add link to another container')
    .list('--link-local-ip <list>', 'Container IPv4/IPv6 link-local addresses')
    .value('--log-driver <string>', 'Logging driver for the container')
    .list('--log-opt <list>', 'Log driver options')
    .value('--mac-address <string>', 'Container MAC address (e.g., 92:d0:c6:0a:29:33)')
    .value('-m, --memory <bytes>', 'Memory limit', bytes)
    .value('--memory-reservation <bytes>', 'Memory soft limit', bytes)
    .value('--memory-swap <bytes>', "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", swapBytes)
    .value('--memory-swappiness <int>', 'Tune container memory swappiness (0 to 100) (default -1)', int)
    .list<Mount>('--mount <mount>', 'Attach a filesystem mount to the container', (v) => parseMount(v, (p) => path.resolve(p)))
    .value('--name <string>', 'Assign a name to the container')
    .list('--network <network>', 'Connect a container to a network')
    .list('--net <network>', 'Connect a container to a network', undefined, { hidden: true })
    .list('--network-alias <list>', 'Add network-scoped alias for the container')
    .list('--net-alias <list>', 'Add network-scoped alias for the container', undefined, { hidden: true })
    .flag('--no-healthcheck', 'Disable any container-specified HEALTHCHECK')
    .flag('--oom-kill-disable', 'Disable OOM Killer')
    .value('--oom-score-adj <int>', "Tune host's OOM preferences (-1000 to 1000)", int)
    .value('--pid <string>', 'PID namespace to use')
    .value('--pids-limit <int>', 'Tune container pids limit (set -1 for unlimited)', int)
    .value('--platform <string>', 'Set platform if server is multi-platform capable')
    .flag('--privileged', 'Give extended privileges to this container')
    .list('-p, --publish <list>', "Publish a container's port(s) to the host")
    .flag('-P, --publish-all', 'Publish all exposed ports to random ports')
    .value('--pull <string>', 'Pull image before running ("always", "missing", "never") (default "missing")')
    .flag('-q, --quiet', 'Suppress the pull output')
    .flag('--read-only', "Mount the container's root filesystem as read only")
    .value('--restart <string>', 'Restart policy to apply when a container exits (default "no")')
    .flag('--rm', 'Automatically remove the container and its associated anonymous volumes when it exits')
    .value('--runtime <string>', 'Runtime to use for this container')
    .list('--security-opt <list>', 'Security Options')
    .value('--shm-size <bytes>', 'Size of /dev/shm', bytes);
  if (isRun) {
    cmd.flag('--sig-proxy', 'Proxy received signals to the process (default true)', { default: true });
    cmd.flag('--no-sig-proxy', 'Do not proxy received signals to the process', { hidden: true });
  }
  cmd
    .value('--stop-signal <string>', 'Signal to stop the container')
    .value('--stop-timeout <int>', 'Timeout (in seconds) to stop a container', int)
    .list('--storage-opt <list>', 'Storage driver options for the container')
    .list('--sysctl <map>', 'Sysctl options (default map[])', validateSysctl)
    .list('--tmpfs <list>', 'Mount a tmpfs directory')
    .flag('-t, --tty', 'Allocate a pseudo-TTY')
    .list<Ulimit>('--ulimit <ulimit>', 'Ulimit options (default [])', parseUlimit)
    .value('-u, --user <string>', 'Username or UID (format: <name|uid>[:<group|gid>])')
    .value('--userns <string>', 'User namespace to use')
    .value('--uts <string>', 'UTS namespace to use')
    .list('-v, --volume <list>', 'Bind mount a volume')
    .value('--volume-driver <string>', 'Optional volume driver for the container')
    .list('--volumes-from <list>', 'Mount volumes from the specified container(s)')
    .value('-w, --workdir <string>', 'Working directory inside the container');
}

/** commander's option bag -> ContainerFlags (merging the hidden aliases). */
export function toContainerFlags(o: Record<string, unknown>): ContainerFlags {
  const list = (...keys: string[]): string[] | undefined => {
    const all = keys.flatMap((k) => (o[k] as string[] | undefined) ?? []);
    return all.length ? all : undefined;
  };
  return {
    ...(o as ContainerFlags),
    network: list('network', 'net'),
    networkAlias: list('networkAlias', 'netAlias'),
    noHealthcheck: o.healthcheck === false,
  };
}
