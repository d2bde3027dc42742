// berth: the CLI entry point. Builds the command tree from the registry,
// loads only the module of the command being run, runs it, and turns errors
// into docker's messages and exit codes.
import * as path from 'node:path';
import { BerthCommand } from './command';
import { addProjectOptions } from './compose/project-options';
import { Cli, type GlobalOptions } from './context';
import { FlagError, StatusError, UsageError, errorText } from './errors';
import { COMMANDS, MANAGEMENT, aliasPaths, type CommandEntry } from './registry';
import { clientVersion } from './version-info';

interface CommandModule {
  setup(cmd: BerthCommand): void;
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal', 'panic', 'trace'];

function setupLazily(parent: BerthCommand, entries: Map<BerthCommand, CommandEntry>, onEnter: (c: BerthCommand) => void): void {
  parent.hook('preSubcommand', (_thisCommand, sub) => {
    const cmd = sub as unknown as BerthCommand;
    onEnter(cmd);
    const entry = entries.get(cmd);
    if (entry && !(cmd as unknown as { _loaded?: boolean })._loaded) {
      (cmd as unknown as { _loaded?: boolean })._loaded = true;
      // The extension lets the bundler (scripts/bundle-cli.js) see every command file.
      const mod = require(`./commands/${entry.module}.js`) as CommandModule;
      cmd.aliasPaths = aliasPaths(entry.module);
      mod.setup(cmd);
    }
  });
}

export function buildProgram(onEnter: (c: BerthCommand) => void = () => {}): BerthCommand {
  const program = new BerthCommand('berth');
  program.usageArgs = '[OPTIONS] COMMAND [ARG...]';
  program
    .description('A self-sufficient runtime for containers')
    .value('--config <string>', 'Location of client config files (default "~/.berth")')
    .flag('-D, --debug', 'Enable debug mode')
    .list('-H, --host <list>', 'Daemon socket to connect to')
    .value('-l, --log-level <string>', 'Set the logging level ("debug", "info", "warn", "error", "fatal") (default "info")', (v) => {
      if (!LOG_LEVELS.includes(v.toLowerCase())) throw new Error(`not a valid logrus Level: ${JSON.stringify(v)}`);
      return v.toLowerCase();
    })
    .flag('--tls', 'Use TLS; implied by --tlsverify')
    .value('--tlscacert <string>', 'Trust certs signed only by this CA (default "~/.berth/ca.pem")')
    .value('--tlscert <string>', 'Path to TLS certificate file (default "~/.berth/cert.pem")')
    .value('--tlskey <string>', 'Path to TLS key file (default "~/.berth/key.pem")')
    .flag('--tlsverify', 'Use TLS and verify the remote')
    .flag('-v, --version', 'Print version information and quit')
    .helpOption('-h, --help', 'Print usage')
    .helpCommand(false)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
      outputError: () => {
        // errors are printed by main() in docker's words
      },
    });
  program.argument('[args...]').action(async (args: string[]) => {
    const opts = program.opts() as GlobalOptions & { version?: boolean };
    if (opts.version) {
      const v = clientVersion();
      process.stdout.write(`Berth version ${v.version}, build ${v.commit}\n`);
      program.exitCode = 0;
      return;
    }
    if (args.length === 0) {
      process.stdout.write(program.helpInformation());
      program.exitCode = 0;
      return;
    }
    if (args[0] === 'help') {
      program.exitCode = await main([...args.slice(1), '--help']);
      return;
    }
    throw new UsageError(`berth: unknown command: berth ${args[0]}\n\nRun 'berth --help' for more information`, 1);
  });

  const entries = new Map<BerthCommand, CommandEntry>();
  const mgmt = new Map<string, BerthCommand>();
  for (const m of MANAGEMENT) {
    const c = program.command(m.name) as unknown as BerthCommand;
    c.brief = m.summary;
    c.group = 'management';
    c.description(m.summary)
      .helpOption('-h, --help', 'Print usage')
      .helpCommand(false)
      .enablePositionalOptions()
      .exitOverride()
      .configureOutput(program.configureOutput());
    c.argument('[args...]').action((args: string[]) => {
      if (args.length === 0) {
        process.stdout.write(c.helpInformation());
        program.exitCode = 0;
        return;
      }
      (c as unknown as { args: string[] }).args = args;
      c.unknownCommand();
    });
    // compose's project options come before its verb
    if (m.name === 'compose') addProjectOptions(c);
    setupLazily(c, entries, onEnter);
    mgmt.set(m.name, c);
  }
  for (const e of COMMANDS) {
    const parent = e.path.length > 1 ? mgmt.get(e.path[0])! : program;
    const c = parent.command(e.path[e.path.length - 1]) as unknown as BerthCommand;
    c.brief = e.summary;
    c.group = e.group ?? 'commands';
    c.description(e.summary)
      .helpOption('-h, --help', 'Print usage')
      .exitOverride()
      .configureOutput(program.configureOutput());
    if (e.aliases) c.aliases(e.aliases);
    entries.set(c, e);
  }
  setupLazily(program, entries, onEnter);
  return program;
}

/** Run the CLI; resolves with the exit code. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<number> {
  let current: BerthCommand | undefined;
  const program = buildProgram((c) => (current = c));
  let cli: Cli | undefined;
  program.makeCli = () => (cli = new Cli(program.opts() as GlobalOptions));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return program.exitCode ?? 0;
  } catch (err) {
    return report(err, current ?? program, !!(program.opts() as GlobalOptions).debug);
  } finally {
    cli?.close();
  }
}

function report(err: unknown, cmd: BerthCommand, debug: boolean): number {
  const e = err as { code?: unknown; exitCode?: number; message?: string; name?: string };
  if (e && e.name === 'CommanderError') {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
    process.stderr.write(`${String(e.message).replace(/^error: /, '')}\n\n${cmd.usageLine()}\n\nRun '${cmd.path()} --help' for more information\n`);
    return 125;
  }
  if (err instanceof FlagError) {
    process.stderr.write(`${err.message}\n\n${cmd.usageLine()}\n\nRun '${cmd.path()} --help' for more information\n`);
    return 125;
  }
  if (err instanceof UsageError || err instanceof StatusError) {
    if (err.message) process.stderr.write(`${err.message}\n`);
    return err.code;
  }
  process.stderr.write(`${errorText(err)}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return 1;
}

// Started by bin/berth (which only requires this file) or run directly.
if (require.main === module || (require.main && path.basename(require.main.filename) === 'berth')) {
  // A reader that went away (`berth logs c | head -1`): stop quietly with
  // the status a SIGPIPE gives, as the Go docker CLI does, not with a trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(141);
      throw err;
    });
  }
  main().then(
    (code) => {
      // let buffered output drain before leaving (pipes may be async)
      process.stdout.write('', () => process.exit(code));
    },
    (err) => {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    },
  );
}
