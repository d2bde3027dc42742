// The benchmark suite: berthd and a real dockerd side by side on this
// machine, driven by the same docker CLI, measured in alternation; prints a
// table of medians and ratios, and writes JSON and an SVG chart under
// bench/results/. Not part of the test run: `npm run bench [-- --quick]
// [--only id,id]`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEngines } from './engines';
import { describeMachine, evaluate, markdown, svgChart } from './report';
import type { BenchCase, Row } from './cases/types';
import { runBridge, runNone } from './cases/run';
import { parallel } from './cases/parallel';
import { listing } from './cases/listing';
import { memory } from './cases/memory';
import { logs } from './cases/logs';
import { restart } from './cases/restart';
import { cli } from './cases/cli';
import { registry } from './cases/registry';
import { build } from './cases/build';
import { stats } from './cases/stats';
import { apps } from './cases/apps';
import { compose } from './cases/compose';
import { ui } from './cases/ui';

const CASES: BenchCase[] = [runNone, runBridge, parallel, listing, memory, logs, restart, registry, build, stats, cli, compose, apps, ui];

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const only = onlyArg ? new Set(onlyArg.split(',')) : null;
  const started = new Date();
  process.stderr.write(`starting berthd and dockerd${quick ? ' (quick pass)' : ''}…\n`);
  const engines = await startEngines();
  const rows: Row[] = [];
  try {
    for (const c of CASES) {
      if (only && !only.has(c.id)) continue;
      process.stderr.write(`${c.id}…\n`);
      try {
        rows.push(...(await c.run(engines, quick)));
      } catch (err) {
        process.stderr.write(`  ${c.id} failed: ${(err as Error).message}\n`);
      }
    }
  } finally {
    await Promise.all([engines.berth.stop(), engines.docker.stop()]);
  }
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  let when = started.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' + (quick ? ' (quick pass)' : '');
  // --only refreshes some rows of the last full table instead of replacing it.
  if (only && existsSync(join(dir, 'latest.json'))) {
    const prev = JSON.parse(readFileSync(join(dir, 'latest.json'), 'utf8')) as { when: string; results: Row[] };
    const fresh = new Set(rows.map((r) => r.id));
    rows.unshift(...prev.results.filter((r) => !fresh.has(r.id)).map(({ id, what, unit, target, berth, docker, note, labels }) => ({ id, what, unit, target, berth, docker, note, labels })));
    when = `${when}; rows not in --only from ${prev.when.slice(0, 16).replace('T', ' ')} UTC`;
  }
  const results = evaluate(rows);
  const machine = describeMachine();
  const table = markdown(results, machine, when);
  process.stdout.write(table);
  const json = JSON.stringify({ when: started.toISOString(), quick, machine, results }, null, 2);
  writeFileSync(join(dir, 'latest.json'), json);
  writeFileSync(join(dir, 'latest.md'), table);
  writeFileSync(join(dir, 'latest.svg'), svgChart(results));
  process.stderr.write(`written: ${join('bench', 'results', 'latest.{json,md,svg}')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
