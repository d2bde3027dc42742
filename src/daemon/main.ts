// berthd's entry point: configuration, construction, restore, serve, and a
// shutdown that leaves containers running (live restore).
import { parseDaemonArgs } from './config';
import { releaseIdleMemory } from './idle-memory';
import { makeLogger } from './log';
import { startDaemon } from './wire';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = parseDaemonArgs(process.argv.slice(2));
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message: string };
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') process.exit(0);
    if (!e.code?.startsWith('commander.')) process.stderr.write(`berthd: ${e.message}\n`);
    process.exit(e.exitCode && e.exitCode !== 0 ? 125 : 1);
  }
  const log = makeLogger(cfg.logLevel);
  // One failed request or stray callback must not take the daemon (and the
  // API for every container) down: log it with its stack and go on, as a
  // Go daemon's recovered handler does. Containers never depend on berthd's
  // process anyway (conmon keeps them).
  process.on('unhandledRejection', (err) => log('error', `unhandled rejection: ${(err as Error)?.stack ?? String(err)}`));
  process.on('uncaughtException', (err) => log('error', `uncaught exception: ${err?.stack ?? String(err)}`));
  if (process.getuid?.() !== 0) {
    log('error', 'berthd needs to be started with root privileges');
    process.exit(1);
  }
  const daemon = await startDaemon(cfg, log).catch((err) => {
    log('error', `failed to start daemon: ${(err as Error).message}`);
    process.exit(1);
  });
  // Start-up is done and the API is up: hand back what start-up grew, after
  // the requests already waiting (≈10 ms of full GCs).
  setImmediate(releaseIdleMemory);
  let stopping = false;
  const stop = async (sig: string) => {
    if (stopping) return;
    stopping = true;
    log('info', `received ${sig}, shutting down; containers keep running`);
    await daemon.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGHUP', () => {});
}

void main();
