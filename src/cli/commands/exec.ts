// berth exec [OPTIONS] CONTAINER COMMAND [ARG...]
// docker's RunExec: inspect the container first (so "No such container" wins),
// check the TTY, create the exec, then either start it detached or hijack
// its start like attach, stream, and exit with the exec's exit code.
import * as fs from 'node:fs';
import type { ExecCreateRequest } from '../../client';
import { MinArgs, type BerthCommand } from '../command';
import type { Cli } from '../context';
import { StatusError } from '../errors';
import { readKVEnvStrings, validateEnv } from '../opts/kv';
import { monitorTtySize, streamAttached } from '../streams';

const env = (v: string): string => validateEnv(v, (k) => process.env[k]);

export interface ExecOptions {
  detach: boolean;
  tty: boolean;
  interactive: boolean;
  user?: string;
  privileged: boolean;
  detachKeys?: string;
  env: string[];
  workdir?: string;
}

/**
 * Run `command` in the container, attached (streaming, resolving with its
 * exit code) or detached (0 once started). Also `berth compose exec`'s.
 */
export async function execIn(cli: Cli, container: string, command: string[], o: ExecOptions): Promise<number> {
  const { detach, tty, env: envList } = o;
  const body: ExecCreateRequest = {
    User: o.user ?? '',
    Privileged: o.privileged,
    Tty: tty,
    AttachStdin: !detach && o.interactive,
    AttachStdout: !detach,
    AttachStderr: !detach,
    DetachKeys: o.detachKeys || cli.config().detachKeys || '',
    Detach: detach,
    Cmd: command,
    Env: envList.length ? envList : null,
    WorkingDir: o.workdir ?? '',
  };

  const client = cli.client();
  await client.containers.inspect(container);
  if (!detach && body.AttachStdin && tty && !cli.in.isTTY) throw new StatusError(1, 'the input device is not a TTY');
  if (tty) body.ConsoleSize = [cli.out.isTTY ? (cli.out.rows ?? 0) : 0, cli.out.isTTY ? (cli.out.columns ?? 0) : 0];
  else body.ConsoleSize = null;

  const { Id: execId } = await client.exec.create(container, body);
  if (!execId) throw new Error('exec ID empty');
  const startOpts = { Tty: tty, ConsoleSize: body.ConsoleSize };
  if (detach) {
    await client.exec.startDetached(execId, startOpts);
    return 0;
  }

  const hijacked = await client.exec.attach(execId, startOpts);
  let stopResize = (): void => {};
  try {
    if (tty && cli.in.isTTY) stopResize = monitorTtySize(cli, execId, (h, w) => client.exec.resize(execId, h, w));
    const how = await streamAttached(cli, hijacked, {
      tty,
      stdin: !!body.AttachStdin,
      stdout: true,
      stderr: true,
      detachKeys: body.DetachKeys,
    });
    // docker's exec reports the detach as the escape error (exit 1)
    if (how === 'detached') throw new Error('read escape sequence');
  } finally {
    stopResize();
    hijacked.close();
  }
  const info = await client.exec.inspect(execId);
  return info.ExitCode ?? 0;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER COMMAND [ARG...]';
  cmd.argRule = MinArgs(2);
  cmd.passThroughOptions(); // flags after CONTAINER belong to COMMAND
  cmd
    .flag('-d, --detach', 'Detached mode: run command in the background')
    .value('--detach-keys <string>', 'Override the key sequence for detaching a\ncontainer')
    .list('-e, --env <list>', 'Set environment variables', env)
    .list('--env-file <list>', 'Read in a file of environment variables')
    .flag('-i, --interactive', 'Keep STDIN open even if not attached')
    .flag('--privileged', 'Give extended privileges to the command')
    .flag('-t, --tty', 'Allocate a pseudo-TTY')
    .value('-u, --user <string>', 'Username or UID (format:\n"<name|uid>[:<group|gid>]")')
    .value('-w, --workdir <string>', 'Working directory inside the container');
  cmd.handle(async (cli, args, o) => {
    const [container, ...command] = args;
    const detach = !!o.detach;
    const tty = !!o.tty;
    const envList = readKVEnvStrings(
      (o.envFile as string[] | undefined) ?? [],
      (o.env as string[] | undefined) ?? [],
      (p) => fs.readFileSync(p, 'utf8'),
      (k) => cli.env[k],
    );
    return execIn(cli, container, command, {
      detach,
      tty,
      interactive: !!o.interactive,
      user: o.user as string | undefined,
      privileged: !!o.privileged,
      detachKeys: o.detachKeys as string | undefined,
      env: envList,
      workdir: o.workdir as string | undefined,
    });
  });
}
