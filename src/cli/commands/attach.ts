// berth attach [OPTIONS] CONTAINER: docker's order — register the wait,
// check the state, attach, keep the TTY sized, stream, then exit with the
// container's status. Detaching with the keys prints "read escape sequence"
// and exits 1, as docker attach does.
import type { BerthCommand } from '../command';
import { ExactArgs } from '../command';
import { StatusError } from '../errors';
import { forwardSignals, monitorTtySize, streamAttached } from '../streams';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] CONTAINER';
  cmd.argRule = ExactArgs(1);
  cmd
    .value('--detach-keys <string>', 'Override the key sequence for detaching a container')
    .flag('--no-stdin', 'Do not attach STDIN')
    .flag('--sig-proxy', 'Proxy all received signals to the process', { default: true });
  cmd.handle(async (cli, args, o) => {
    const client = cli.client();
    const c = await client.containers.inspect(args[0]);
    if (!c.State?.Running) throw new Error('You cannot attach to a stopped container, start it first');
    if (c.State.Paused) throw new Error('You cannot attach to a paused container, unpause it first');
    if (c.State.Restarting) throw new Error('You cannot attach to a restarting container, wait until it is running');
    const abort = new AbortController();
    const waiting = client.containers.waitStarted(c.Id, 'not-running', abort.signal);
    waiting.catch(() => {});
    const tty = !!c.Config?.Tty;
    const stdin = o.stdin !== false && !!c.Config?.OpenStdin;
    const detachKeys = (o.detachKeys as string | undefined) || cli.config().detachKeys;
    const hijacked = await client.containers.attach(c.Id, {
      stream: true,
      stdin,
      stdout: true,
      stderr: true,
      detachKeys,
    });
    const stopSignals = o.sigProxy !== false && !tty ? forwardSignals(client, c.Id) : () => {};
    const stopResize = tty ? monitorTtySize(cli, c.Id) : () => {};
    try {
      const how = await streamAttached(cli, hijacked, { tty, stdin, stdout: true, stderr: true, detachKeys });
      if (how === 'detached') {
        abort.abort();
        throw new Error('read escape sequence');
      }
      const r = await (await waiting).result;
      if (r.Error?.Message) throw new Error(r.Error.Message);
      if (r.StatusCode !== 0) throw new StatusError(r.StatusCode);
    } finally {
      stopResize();
      stopSignals();
      hijacked.close();
    }
  });
}
