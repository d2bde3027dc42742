// The dashboard's cost to berthd: its memory (RSS) and CPU time over a fixed
// window with 20 running busybox containers, with the dashboard open in
// headless Chromium on the containers page (it holds an /events stream and
// the stats mux websocket, which streams every running container's stats) vs
// with no page open. This
// compares berthd with itself, so the rows carry their own labels; dockerd
// plays no part. A berthd of its own, because the shared one has no --ui-addr.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startTestDaemon } from '../../test/integration/harness';
import { rssKiB } from '../stats';
import type { BenchCase, Row } from './types';

const CONTAINERS = 20;
const WINDOW_MS = 20_000;
/** /proc/PID/stat counts in clock ticks: USER_HZ, 100 on Linux. */
const TICK_MS = 10;

/** utime + stime of a process, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (2nd field) may hold spaces: count from after its ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const ui: BenchCase = {
  id: 'ui',
  async run(_e, quick) {
    const rounds = quick ? 1 : 3;
    const d = await startTestDaemon({ images: ['busybox'], tag: 'u19b', extraArgs: ['--ui-addr', '127.0.0.1:0'] });
    const profile = mkdtempSync(join(tmpdir(), 'berth-u19b-chromium-'));
    const cpu = { berth: [] as number[], docker: [] as number[] };
    const mem = { berth: [] as number[], docker: [] as number[] };
    try {
      const names = Array.from({ length: CONTAINERS }, (_, i) => `ui-bench-${i}`);
      for (const name of names) {
        const r = d.berth(['run', '-d', '--network', 'none', '--name', name, 'busybox', 'sleep', '100000']);
        if (r.code !== 0) throw new Error(`run ${name}: ${r.stderr}`);
      }
      const login = readFileSync(join(d.execRoot, 'ui-login'), 'utf8').trim();
      const origin = new URL(login).origin;
      const ctx = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      try {
        const page = ctx.pages()[0] ?? (await ctx.newPage());
        await page.goto(login);
        const window = async (side: 'berth' | 'docker') => {
          await sleep(2000); // let the page's streams open (or close) first
          const before = cpuMs(d.pid());
          await sleep(WINDOW_MS);
          cpu[side].push(cpuMs(d.pid()) - before);
          mem[side].push(rssKiB([d.pid()]));
        };
        for (let i = 0; i < rounds; i++) {
          await page.goto('about:blank'); // no dashboard: nothing connected
          await window('docker');
          await page.goto(`${origin}/#/`);
          await page.locator(`#containers tr[data-name="${names[0]}"]`).waitFor({ timeout: 30_000 });
          await window('berth');
        }
      } finally {
        await ctx.close();
      }
      d.berth(['rm', '-f', ...names]);
    } finally {
      rmSync(profile, { recursive: true, force: true });
      await d.stop();
    }
    const labels = { berth: 'with the dashboard', docker: 'without the dashboard' };
    const rows: Row[] = [
      { id: 'ui-cpu', what: `berthd CPU time over ${WINDOW_MS / 1000} s, ${CONTAINERS} running containers, dashboard open on the containers page vs not`, unit: 'ms', target: { op: '<=', ratio: 3 }, ...cpu, labels, note: 'berthd against itself' },
      { id: 'ui-rss', what: `berthd memory (RSS), ${CONTAINERS} running containers, dashboard open vs not`, unit: 'KiB', target: { op: '<=', ratio: 1.2 }, ...mem, labels, note: 'berthd against itself' },
    ];
    return rows;
  },
};
