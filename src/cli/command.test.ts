// docker's parse errors and exit codes from the commander setup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BerthCommand, ExactArgs, MinArgs, NoArgs } from './command';
import type { Cli } from './context';
import { FlagError, UsageError } from './errors';

function program(): { root: BerthCommand; ran: string[][] } {
  const ran: string[][] = [];
  const root = new BerthCommand('berth');
  root.enablePositionalOptions().exitOverride();
  root.makeCli = () => ({}) as Cli;
  const stop = root.command('stop') as unknown as BerthCommand;
  stop.usageArgs = '[OPTIONS] CONTAINER [CONTAINER...]';
  stop.argRule = MinArgs(1);
  stop.exitOverride();
  stop.value('-t, --timeout <int>', 'Seconds', (v) => {
    if (!/^\d+$/.test(v)) throw new Error(`strconv.ParseInt: parsing "${v}": invalid syntax`);
    return Number(v);
  });
  stop.flag('--no-trunc', "Don't truncate output");
  stop.handle((_c, args, o) => {
    ran.push([...args, JSON.stringify(o)]);
  });
  const ps = root.command('ps') as unknown as BerthCommand;
  ps.usageArgs = '[OPTIONS]';
  ps.argRule = NoArgs;
  ps.exitOverride();
  ps.flag('-a, --all', 'all');
  ps.handle(() => {});
  const rename = root.command('rename') as unknown as BerthCommand;
  rename.usageArgs = 'CONTAINER NEW_NAME';
  rename.argRule = ExactArgs(2);
  rename.exitOverride();
  rename.handle(() => {});
  return { root, ran };
}

async function fails(argv: string[]): Promise<UsageError | FlagError> {
  try {
    await program().root.parseAsync(argv, { from: 'user' });
  } catch (e) {
    return e as UsageError;
  }
  throw new Error('expected a failure');
}

test('unknown flags: docker text, exit 125', async () => {
  const e = (await fails(['ps', '--foo'])) as UsageError;
  assert.equal(e.code, 125);
  assert.equal(e.message, "unknown flag: --foo\n\nUsage:  berth ps [OPTIONS]\n\nRun 'berth ps --help' for more information");
  const s = (await fails(['ps', '-z'])) as UsageError;
  assert.equal(s.message.split('\n')[0], "unknown shorthand flag: 'z' in -z");
});

test('argument counts: docker text, exit 1', async () => {
  let e = (await fails(['stop'])) as UsageError;
  assert.equal(e.code, 1);
  assert.equal(e.message, "berth: 'berth stop' requires at least 1 argument\n\nUsage:  berth stop [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'berth stop --help' for more information");
  e = (await fails(['ps', 'x'])) as UsageError;
  assert.equal(e.message.split('\n')[0], "berth: 'berth ps' accepts no arguments");
  e = (await fails(['rename', 'a'])) as UsageError;
  assert.equal(e.message.split('\n')[0], "berth: 'berth rename' requires 2 arguments");
});

test('flag values: errors from the value parser; missing values', async () => {
  const e = await fails(['stop', '-t', 'x', 'a']);
  assert.ok(e instanceof FlagError);
  assert.equal(e.message, 'invalid argument "x" for "-t, --timeout" flag: strconv.ParseInt: parsing "x": invalid syntax');
  const m = (await fails(['stop', 'a', '-t'])) as UsageError;
  assert.equal(m.message.split('\n')[0], "flag needs an argument: 't' in -t");
  const l = (await fails(['stop', 'a', '--timeout'])) as UsageError;
  assert.equal(l.message.split('\n')[0], 'flag needs an argument: --timeout');
});

test('options may follow arguments; --flag=false for booleans', async () => {
  const { root, ran } = program();
  await root.parseAsync(['stop', 'a', '-t', '5', 'b', '--no-trunc=false'], { from: 'user' });
  assert.deepEqual(ran[0].slice(0, 2), ['a', 'b']);
  assert.deepEqual(JSON.parse(ran[0][2]), { trunc: true, timeout: 5 });
  const p2 = program();
  await p2.root.parseAsync(['stop', '--no-trunc', 'a'], { from: 'user' });
  assert.equal(JSON.parse(p2.ran[0][1]).trunc, false);
});
