// The dashboard (--ui-addr) in a real browser: Debian's Chromium, driven by
// playwright-core, against a berthd of this suite's own. The list follows
// containers as they start and die (from /events), every running row gets
// live CPU and memory sparklines over the one stats mux websocket, logs arrive as they are
// written, the buttons stop/start/remove, the terminal runs a command over the
// exec websocket; and without the session's token, from another origin or in
// a frame, nothing is served. BERTH_UI_SCREENSHOTS=docs/dashboard saves
// screenshots of the main pages there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, startTestDaemon, type Daemon } from './harness';
import { makeLayer, pushRaw, startRegistry } from './registry-server';

let d: Daemon;
let ctx: BrowserContext;
let page: Page;
let login: string;
let origin: string;
/** Uncaught errors in the page: none is expected. */
const pageErrors: string[] = [];
const profile = mkdtempSync(join(tmpdir(), 'berth-u19-chromium-'));
const shots = process.env.BERTH_UI_SCREENSHOTS ? resolve(ROOT, process.env.BERTH_UI_SCREENSHOTS) : '';

before(async () => {
  d = await startTestDaemon({ images: ['busybox'], tag: 'u19', extraArgs: ['--ui-addr', '127.0.0.1:0'] });
  login = readFileSync(join(d.execRoot, 'ui-login'), 'utf8').trim();
  origin = new URL(login).origin;
  // No network here: nothing that phones home, a fresh profile, no sandbox (we run as root).
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 760 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = ctx.pages()[0] ?? (await ctx.newPage());
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // what the page's own CSP blocks shows up here: our page must need nothing it forbids
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && pageErrors.push(m.text()));
  await page.goto(login);
});

after(async () => {
  await ctx?.close();
  rmSync(profile, { recursive: true, force: true });
  await d?.stop();
});

function ok(args: string[]): string {
  const r = d.berth(args);
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

async function shot(name: string): Promise<void> {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

const row = (name: string) => page.locator(`#containers tr[data-name="${name}"]`);

/** Clicks a lifecycle button of a row (or of the container page) and confirms it in the dialog. */
async function act(scope: ReturnType<Page['locator']>, verb: string): Promise<void> {
  await scope.locator(`button[data-verb="${verb}"]`).click();
  await page.locator('.modal button.danger').click();
}

test('ui: refuses requests without the session token, from another origin, and framing', async () => {
  const anon = await fetch(`${origin}/`);
  assert.equal(anon.status, 403);
  assert.equal(anon.headers.get('x-frame-options'), 'DENY');
  assert.match(anon.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.equal((await fetch(`${origin}/api/containers/json`)).status, 403);
  assert.equal((await fetch(`${origin}/login?secret=wrong`, { redirect: 'manual' })).status, 403);
  // The browser's session: its cookie is HttpOnly, so take it from the context.
  const cookie = (await ctx.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
  assert.ok(cookie, 'logged in');
  const withCookie = await fetch(`${origin}/api/containers/json`, { headers: { cookie } });
  assert.equal(withCookie.status, 403, 'the cookie alone is not enough: the CSRF token is needed too');
  const token = await page.locator('meta[name="berth-token"]').getAttribute('content');
  const good = await fetch(`${origin}/api/containers/json`, { headers: { cookie, 'x-berth-token': token! } });
  assert.equal(good.status, 200);
  const foreign = await fetch(`${origin}/api/containers/create`, { method: 'POST', headers: { cookie, 'x-berth-token': token!, origin: 'http://evil.example', 'content-type': 'application/json' }, body: '{"Image":"busybox"}' });
  assert.equal(foreign.status, 403);
  const page200 = await fetch(`${origin}/`, { headers: { cookie } });
  assert.equal(page200.status, 200);
  assert.equal(page200.headers.get('x-frame-options'), 'DENY');
  assert.match(page200.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  // A websocket without the token, or from another origin, is refused before any upgrade.
  const wsStatus = (url: string, o: string) =>
    new Promise<number>((res) => {
      const ws = new WebSocket(url, { headers: { cookie, origin: o } });
      ws.on('unexpected-response', (_q, r) => res(r.statusCode ?? 0));
      ws.on('open', () => (ws.close(), res(101)));
      ws.on('error', () => res(-1));
    });
  const wsBase = origin.replace('http', 'ws');
  assert.equal(await wsStatus(`${wsBase}/api/containers/x/attach/ws`, origin), 403);
  assert.equal(await wsStatus(`${wsBase}/api/containers/x/attach/ws?berth-token=${token}`, 'http://evil.example'), 403);
  // the list's stats mux: the same checks
  assert.equal(await wsStatus(`${wsBase}/api/_ui/stats`, origin), 403);
  assert.equal(await wsStatus(`${wsBase}/api/_ui/stats?berth-token=wrong`, origin), 403);
  assert.equal(await wsStatus(`${wsBase}/api/_ui/stats?berth-token=${token}`, 'http://evil.example'), 403);
  assert.equal(await wsStatus(`${wsBase}/api/_ui/stats?berth-token=${token}`, origin), 101);
  // A page of another origin cannot frame the dashboard: the frame stays empty.
  const other = await ctx.newPage();
  await other.setContent(`<iframe id="f" src="${origin}/"></iframe>`);
  await other.waitForTimeout(500);
  const framed = other.frames().find((f) => f.url().startsWith(origin));
  assert.ok(!framed || !(await framed.content().catch(() => '')).includes('berth-token'), 'the dashboard must not render in a frame');
  await other.close();
});

test('ui: the list follows a container that starts and dies, from the events stream', async () => {
  await page.goto(`${origin}/#/`);
  await page.locator('#containers').waitFor();
  ok(['run', '-d', '--name', 'u19short', 'busybox', 'sh', '-c', 'sleep 2; exit 3']);
  await row('u19short').and(page.locator('[data-state="running"]')).waitFor();
  await row('u19short').and(page.locator('[data-state="exited"]')).waitFor();
  assert.match(await row('u19short').locator('.status').innerText(), /Exited \(3\)/);
  // filter narrows the list
  ok(['run', '-d', '--name', 'u19web', '--health-cmd', 'true', '--health-interval', '1s', '-p', '127.0.0.1::80', '-e', 'DB_PASSWORD=hunter2', '-e', 'MODE=demo', 'busybox', 'httpd', '-f', '-p', '80']);
  await row('u19web').waitFor();
  const port = (await row('u19web').locator('a[href^="http://127.0.0.1:"]').getAttribute('href'))!;
  assert.match(port, /^http:\/\/127\.0\.0\.1:\d+$/);
  await page.locator('input[type=search]').fill('u19web');
  await row('u19short').waitFor({ state: 'detached' });
  await page.locator('input[type=search]').fill('');
  // health, from the health_status event
  await row('u19web').locator('.health', { hasText: 'healthy' }).waitFor();
  // CPU and memory arrive from the stats stream
  await page.waitForFunction(() => /\d+(\.\d+)? (B|KiB|MiB)/.test(document.querySelector('#containers tr[data-name="u19web"] td:nth-child(7)')?.textContent ?? ''));
});

test('ui: every running container of the list has live CPU and memory sparklines, from one websocket', async () => {
  const idle = Array.from({ length: 7 }, (_, i) => `u19spark${i}`);
  for (const n of idle) ok(['run', '-d', '--name', n, 'busybox', 'sleep', '1000']);
  ok(['run', '-d', '--name', 'u19sparkbusy', 'busybox', 'sh', '-c', 'while :; do :; done']);
  const names = [...idle, 'u19sparkbusy'];
  // the list opens no HTTP stats stream of its own: all of it rides the mux
  const statsFetches: string[] = [];
  const onRequest = (r: { url(): string }) => /\/stats\b/.test(r.url()) && !r.url().includes('/_ui/stats') && statsFetches.push(r.url());
  page.on('request', onRequest);
  try {
    await page.goto(`${origin}/#/`);
    const cpu = (n: string) => row(n).locator('td.cpu');
    const figures = () =>
      page.evaluate((ns) => ns.map((n) => {
        const r = document.querySelector(`#containers tr[data-name="${n}"]`);
        const pts = (sel: string) => Number(r?.querySelector(`${sel} svg.spark`)?.getAttribute('data-points') ?? 0);
        return { n, cpu: Number(/([\d.]+)%/.exec(r?.querySelector('td.cpu')?.textContent ?? '')?.[1] ?? NaN), mem: /\d (B|KiB|MiB)/.test(r?.querySelector('td.mem')?.textContent ?? ''), cpuPts: pts('td.cpu'), memPts: pts('td.mem') };
      }), names);
    for (const n of names) await cpu(n).locator('svg.spark').waitFor();
    const first = await figures();
    for (const f of first) assert.ok(!Number.isNaN(f.cpu) && f.mem && f.cpuPts > 0 && f.memPts > 0, `${f.n} shows CPU, memory and sparklines: ${JSON.stringify(f)}`);
    // the sparklines gain a point a second; the busy loop's CPU is far above the idle ones'
    for (const end = Date.now() + 20_000; ; ) {
      await page.waitForTimeout(500);
      const now = await figures();
      const busy = now.find((f) => f.n === 'u19sparkbusy')!;
      const grown = now.every((f, i) => f.cpuPts >= first[i]!.cpuPts + 3 && f.memPts >= first[i]!.memPts + 3);
      const idleMax = Math.max(...now.filter((f) => f !== busy).map((f) => f.cpu));
      if (grown && busy.cpu > 50 && idleMax < 20) break;
      assert.ok(Date.now() < end, `sparklines grow and the busy one stands out: ${JSON.stringify(now)}`);
    }
    assert.deepEqual(statsFetches, []);
    // a screenshot run waits for most of a minute's history (and the 30 s re-read of the uptimes)
    if (shots) await page.waitForTimeout(40_000);
    await shot('containers');
    // a hidden tab watches nothing: the lines stop, and go on once it is in view again
    const pointsOf = async () => (await figures()).map((f) => f.cpuPts).join(',');
    const setHidden = (hidden: boolean) =>
      page.evaluate((h) => {
        if (h) Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
        else delete (document as { visibilityState?: string }).visibilityState;
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);
    await setHidden(true);
    await page.waitForTimeout(1500);
    const frozen = await pointsOf();
    await page.waitForTimeout(2500);
    assert.equal(await pointsOf(), frozen, 'no samples while hidden');
    await setHidden(false);
    await page.waitForFunction((f) => {
      const pts = [...document.querySelectorAll('#containers td.cpu svg.spark')].map((e) => Number(e.getAttribute('data-points')));
      return pts.join(',') !== f;
    }, frozen);
  } finally {
    page.off('request', onRequest);
    ok(['rm', '-f', ...names]);
  }
});

test('ui: logs appear as the container writes them, stdout and stderr apart', async () => {
  const id = ok(['run', '-d', '--name', 'u19logs', '--stop-timeout', '1', 'busybox', 'sh', '-c', 'i=0; while :; do echo out$i; echo err$i >&2; i=$((i+1)); sleep 0.5; done']);
  await page.goto(`${origin}/#/c/${id}/logs`);
  await page.locator('#logs .stdout', { hasText: 'out1' }).waitFor();
  await page.locator('#logs .stderr', { hasText: 'err1' }).waitFor();
  // a line written after the page opened arrives too
  const seen = await page.locator('#logs .stdout').count();
  await page.waitForFunction((n) => document.querySelectorAll('#logs .stdout').length > n + 1, seen);
  // search narrows to the matching lines; an empty search shows them all again
  await page.fill('input[name=log-search]', 'err1');
  await page.waitForFunction(() => [...document.querySelectorAll('#logs > div')].every((l) => l.textContent!.includes('err1')) && document.querySelectorAll('#logs > div').length >= 1);
  await page.locator('#logs-count', { hasText: / of \d+ lines/ }).waitFor();
  await page.fill('input[name=log-search]', '');
  // pause holds new lines back, resume shows them
  await page.locator('#logs-pause').click();
  const atPause = await page.locator('#logs > div').count();
  await page.locator('#logs-pause', { hasText: /resume \(\d+ new\)/ }).waitFor();
  assert.equal(await page.locator('#logs > div').count(), atPause, 'nothing new is shown while paused');
  await page.locator('#logs-pause').click();
  await page.waitForFunction((n) => document.querySelectorAll('#logs > div').length > n, atPause);
  await shot('logs');
  // --tail 100 starts the stream again with the last 100 lines; since "last 5 minutes" keeps them (all are recent)
  const many = ok(['run', '-d', '--name', 'u19many', 'busybox', 'sh', '-c', 'seq 1 300; sleep 1000']);
  await page.goto(`${origin}/#/c/${many}/logs`);
  await page.locator('#logs-count', { hasText: /^300 lines$/ }).waitFor();
  await page.selectOption('select[name=tail]', '100');
  await page.locator('#logs-count', { hasText: /^100 lines$/ }).waitFor();
  assert.equal(await page.locator('#logs > div').first().innerText(), '201');
  await page.selectOption('select[name=since]', '300');
  await page.locator('#logs-count', { hasText: /^100 lines$/ }).waitFor();
  await page.selectOption('select[name=tail]', 'all');
  await page.locator('#logs-count', { hasText: /^300 lines$/ }).waitFor();
  ok(['rm', '-f', 'u19many']);
  await page.goto(`${origin}/#/c/${id}/stats`);
  await page.locator('#stats .now', { hasText: 'CPU' }).waitFor();
  await page.locator('#stats canvas').first().waitFor();
  await page.waitForTimeout(2500);
  await shot('stats');
});

test('ui: network and block I/O charts from the stats stream', async () => {
  const id = ok(['inspect', '-f', '{{.Id}}', 'u19web']);
  const port = ok(['port', 'u19web', '80/tcp']).split('\n')[0].split(':').pop();
  await page.goto(`${origin}/#/c/${id}/stats`);
  await page.locator('#net-chart canvas').waitFor();
  await page.locator('#blk-chart canvas').waitFor();
  await page.locator('#io-now').waitFor();
  const rx = async () => Number(await page.locator('#io-now').getAttribute('data-rx'));
  const before = await rx();
  // traffic into the container: requests to its httpd (404s are fine: bytes flow both ways)
  for (let i = 0; i < 20; i++) await fetch(`http://127.0.0.1:${port}/x${'y'.repeat(2000)}`).then((r) => r.arrayBuffer()).catch(() => {});
  for (const end = Date.now() + 10_000; (await rx()) <= before + 20_000; ) {
    assert.ok(Date.now() < end, `received bytes grow with the requests (${before} → ${await rx()})`);
    await page.waitForTimeout(250);
  }
  assert.deepEqual(await page.locator('#net-chart .u-legend .u-series th').allInnerTexts().then((t) => t.map((x) => x.trim()).slice(1)), ['Net received', 'Net sent']);
  assert.deepEqual(await page.locator('#blk-chart .u-legend .u-series th').allInnerTexts().then((t) => t.map((x) => x.trim()).slice(1)), ['Block read', 'Block written']);
  if (shots) await page.waitForTimeout(4000); // a few more samples on the charts
  await shot('io');
});

test('ui: the CPU chart moves under load', async () => {
  const idle = ok(['run', '-d', '--name', 'u19idle', 'busybox', 'sleep', '1000']);
  const busy = ok(['run', '-d', '--name', 'u19busy', 'busybox', 'sh', '-c', 'while :; do :; done']);
  const cpuOf = async () => Number(/CPU ([\d.]+)%/.exec(await page.locator('#stats .now').first().innerText())?.[1] ?? NaN);
  try {
    await page.goto(`${origin}/#/c/${idle}/stats`);
    await page.locator('#stats .now', { hasText: 'CPU' }).waitFor();
    await page.waitForTimeout(2500);
    assert.ok((await cpuOf()) < 20, `an idle container near 0% (${await cpuOf()})`);
    await page.goto(`${origin}/#/c/${busy}/stats`);
    await page.locator('#stats .now', { hasText: 'CPU' }).waitFor();
    // a busy loop holds one of the two cores: well above the idle one
    for (const end = Date.now() + 15_000; !((await cpuOf()) > 50); ) {
      assert.ok(Date.now() < end, `the busy container's CPU rises (${await cpuOf()})`);
      await page.waitForTimeout(250);
    }
  } finally {
    ok(['rm', '-f', 'u19idle', 'u19busy']);
  }
});

test('ui: stop, start and remove from the buttons', async () => {
  await page.goto(`${origin}/#/`);
  await act(row('u19logs'), 'stop');
  await row('u19logs').and(page.locator('[data-state="exited"]')).waitFor({ timeout: 20_000 });
  assert.equal(ok(['inspect', '-f', '{{.State.Running}}', 'u19logs']), 'false');
  await act(row('u19logs'), 'start');
  await row('u19logs').and(page.locator('[data-state="running"]')).waitFor();
  await act(row('u19logs'), 'pause');
  await row('u19logs').and(page.locator('[data-state="paused"]')).waitFor();
  await act(row('u19logs'), 'unpause');
  await row('u19logs').and(page.locator('[data-state="running"]')).waitFor();
  const started = ok(['inspect', '-f', '{{.State.StartedAt}}', 'u19logs']);
  await act(row('u19logs'), 'restart');
  for (const end = Date.now() + 15_000; ok(['inspect', '-f', '{{.State.StartedAt}}', 'u19logs']) === started; ) {
    assert.ok(Date.now() < end, 'restart from the page');
    await page.waitForTimeout(100);
  }
  await row('u19logs').and(page.locator('[data-state="running"]')).waitFor();
  await act(row('u19logs'), 'remove');
  await row('u19logs').waitFor({ state: 'detached' });
  assert.notEqual(d.berth(['inspect', 'u19logs']).code, 0);
});

test('ui: container page hides secret-looking env values until clicked; top lists its processes', async () => {
  const id = ok(['inspect', '-f', '{{.Id}}', 'u19web']);
  await page.goto(`${origin}/#/c/${id}/overview`);
  const secret = page.locator('#env tr[data-key="DB_PASSWORD"]');
  await secret.waitFor();
  assert.ok(!(await secret.innerText()).includes('hunter2'));
  assert.ok((await page.locator('#env tr[data-key="MODE"]').innerText()).includes('demo'));
  await shot('container');
  await secret.locator('button.reveal').click();
  await secret.locator('text=hunter2').waitFor();
  await page.goto(`${origin}/#/c/${id}/top`);
  await page.locator('#top td', { hasText: 'httpd -f -p 80' }).waitFor();
});

test('ui: the terminal runs a command over the exec websocket', async () => {
  const id = ok(['inspect', '-f', '{{.Id}}', 'u19web']);
  await page.goto(`${origin}/#/c/${id}/terminal`);
  await page.locator('#terminal-state', { hasText: 'connected' }).waitFor();
  await page.locator('#terminal .xterm').click();
  await page.keyboard.type('echo h""i\r');
  // the command echoes as typed (h""i); its output is a line of its own
  await page.waitForFunction(() => [...document.querySelectorAll('#terminal .xterm-rows > div')].some((r) => r.textContent?.trim() === 'hi'));
  await shot('terminal');
});

test('ui: images, host, events and the run form', async () => {
  await page.goto(`${origin}/#/images`);
  await page.locator('#images tr[data-image="busybox:latest"]').waitFor();
  await page.locator('#images tr[data-image="busybox:latest"] button', { hasText: 'history' }).click();
  await page.locator('#images table.small tr').first().waitFor();
  await shot('images');
  ok(['volume', 'create', 'u19vol']);
  await page.goto(`${origin}/#/volumes`);
  await page.locator('#volumes td', { hasText: 'u19vol' }).first().waitFor();
  await page.goto(`${origin}/#/networks`);
  await page.locator('#networks td', { hasText: 'bridge' }).first().waitFor();
  await page.goto(`${origin}/#/host`);
  await page.locator('#info dd').first().waitFor();
  await page.locator('#df').waitFor();
  await shot('host');
  await page.goto(`${origin}/#/events`);
  ok(['run', '--rm', '--name', 'u19ev', 'busybox', 'true']);
  await page.locator('#events tr', { hasText: 'u19ev' }).first().waitFor();
  await shot('events');
  await page.goto(`${origin}/#/run`);
  await page.fill('input[name=image]', 'busybox');
  await page.fill('input[name=name]', 'u19run');
  await page.fill('input[name=command]', "sh -c 'echo from the form; sleep 60'");
  await page.fill('textarea[name=env]', 'A=1');
  assert.equal(await page.locator('#docker-run').innerText(), "docker run -d --name u19run -e A=1 busybox sh -c 'echo from the form; sleep 60'");
  await shot('run');
  await page.locator('form.run button').click();
  await page.waitForURL(/#\/c\//);
  assert.equal(ok(['inspect', '-f', '{{.State.Running}}', 'u19run']), 'true');
});

test('exec over a websocket (the terminal\'s route) straight on the API socket', async () => {
  const exec = async (body: object) => (await d.api('POST', '/containers/u19web/exec', { AttachStdin: true, AttachStdout: true, AttachStderr: true, ...body })).json.Id as string;
  const session = (id: string, query = '') => {
    const ws = new WebSocket(`ws+unix://${d.socket}:/exec/${id}/start/ws${query}`);
    let out = '';
    ws.on('message', (m) => (out += m.toString()));
    const closed = new Promise<void>((r) => ws.on('close', () => r()));
    return { ws, out: () => out, closed, opened: new Promise<void>((r) => ws.on('open', () => r())) };
  };
  // without a TTY: stdout and stderr both arrive, unframed; the socket closes when the process ends
  const plain = session(await exec({ Cmd: ['sh', '-c', 'echo out; echo err >&2'] }));
  await plain.closed;
  assert.deepEqual(plain.out().split('\n').sort(), ['', 'err', 'out']);
  // with a TTY: what is typed is run, with the size given
  const tty = session(await exec({ Tty: true, Cmd: ['sh'] }), '?h=33&w=111');
  await tty.opened;
  tty.ws.send('stty size; exit\n');
  await tty.closed;
  assert.match(tty.out(), /33 111/);
  const missing = await new Promise<number>((r) => new WebSocket(`ws+unix://${d.socket}:/exec/nope/start/ws`).on('unexpected-response', (_q, res) => r(res.statusCode ?? 0)).on('error', () => {}));
  assert.equal(missing, 404);
});

test('ui: pull draws each layer\'s progress, the image joins the list, remove takes it away', async () => {
  const reg = await startRegistry();
  const work = mkdtempSync(join(tmpdir(), 'berth-u19-layers-'));
  try {
    // incompressible layers, so that there is progress to draw
    const layers = [makeLayer(work, { 'a/big': randomBytes(3 << 20) }), makeLayer(work, { 'b/big': randomBytes(2 << 20) })];
    await pushRaw(reg.host, 'u19/app', '1', { layers: layers.map((l) => l.gz), diffIds: layers.map((l) => l.diffId), cmd: ['true'] });
    await page.goto(`${origin}/#/images`);
    await page.fill('form.pull input', `${reg.host}/u19/app:1`);
    await page.locator('form.pull button').click();
    await page.locator('form.pull .dim', { hasText: 'Downloaded newer image' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('form.pull .layer').count(), 2);
    assert.equal(await page.locator('form.pull .layer', { hasText: 'Pull complete' }).count(), 2);
    // each layer's size came with its progress messages: two full bars
    assert.deepEqual(await page.locator('form.pull .layer progress').evaluateAll((ps) => ps.map((p) => (p as HTMLProgressElement).value === (p as HTMLProgressElement).max && (p as HTMLProgressElement).max > 2 << 20)), [true, true]);
    const pulled = page.locator(`#images tr[data-image="${reg.host}/u19/app:1"]`);
    await pulled.waitFor();
    await shot('pull');
    await pulled.locator('button', { hasText: 'remove' }).click();
    await page.locator('.modal button.danger').click();
    await pulled.waitFor({ state: 'detached' });
    assert.notEqual(d.berth(['image', 'inspect', `${reg.host}/u19/app:1`]).code, 0);
  } finally {
    await reg.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('ui: images — build from a folder and from a tar with the output shown, tag, push with progress, prune', async () => {
  const reg = await startRegistry();
  const work = mkdtempSync(join(tmpdir(), 'berth-u19-build-'));
  try {
    await page.goto(`${origin}/#/images`);
    const build = page.locator('form.build');
    // a folder picked in the browser: the page archives it
    mkdirSync(join(work, 'ctx', 'sub'), { recursive: true });
    writeFileSync(join(work, 'ctx', 'Dockerfile'), 'FROM busybox\nCOPY sub/hello.txt /hello.txt\nRUN cat /hello.txt\n');
    writeFileSync(join(work, 'ctx', 'sub', 'hello.txt'), 'hello from the folder\n');
    await build.locator('input[name=t]').fill('u19built:1');
    await build.locator('input[name=folder]').setInputFiles(join(work, 'ctx'));
    await build.locator('button').click();
    await build.locator('.result', { hasText: /^ ?built$/ }).waitFor({ timeout: 30_000 });
    assert.match(await build.locator('pre.build-output').innerText(), /hello from the folder[\s\S]*Successfully tagged u19built:1/);
    const first = ok(['image', 'inspect', '-f', '{{.Id}}', 'u19built:1']);
    await shot('build');
    // a tar uploaded as it is; the same name, so the first image is left dangling
    writeFileSync(join(work, 'Dockerfile'), 'FROM busybox\nRUN echo second > /second\n');
    const t = spawnSync('tar', ['-cf', join(work, 'ctx.tar'), '-C', work, 'Dockerfile']);
    assert.equal(t.status, 0);
    await build.locator('input[name=tar]').setInputFiles(join(work, 'ctx.tar'));
    await build.locator('button').click();
    await build.locator('pre.build-output', { hasText: 'Successfully tagged u19built:1' }).waitFor({ timeout: 30_000 });
    await build.locator('.result', { hasText: /^ ?built$/ }).waitFor();
    assert.notEqual(ok(['image', 'inspect', '-f', '{{.Id}}', 'u19built:1']), first);
    // tag it for the registry and push it from its row
    const img = page.locator('#images tr[data-image="u19built:1"]');
    await img.locator('button', { hasText: 'tag / push' }).click();
    const opened = page.locator('#images tr.opened');
    await opened.locator('form.tag input').fill(`${reg.host}/u19/built:2`);
    await opened.locator('form.tag button').click();
    await page.waitForFunction((r) => [...document.querySelectorAll('#images tr.opened select option')].some((o) => o.textContent === r), `${reg.host}/u19/built:2`);
    assert.equal(ok(['image', 'inspect', '-f', '{{.Id}}', `${reg.host}/u19/built:2`]), ok(['image', 'inspect', '-f', '{{.Id}}', 'u19built:1']));
    await opened.locator('select').selectOption(`${reg.host}/u19/built:2`);
    await opened.locator('form.push button').click();
    await opened.locator('form.push .dim', { hasText: /2: digest: sha256:[0-9a-f]{64}/ }).waitFor({ timeout: 30_000 });
    assert.ok((await opened.locator('form.push .layer').count()) >= 2, 'one line per layer');
    assert.equal(await opened.locator('form.push .layer', { hasText: /Pushed|already exists|Mounted/ }).count(), await opened.locator('form.push .layer').count());
    await shot('push');
    const tags = await (await fetch(`http://${reg.host}/v2/u19/built/tags/list`)).json();
    assert.deepEqual(tags.tags, ['2']);
    // prune: the first build, now without a name, goes
    await page.locator('#prune-images').click();
    await page.locator('.modal button.danger').click();
    await page.locator('#prune-note', { hasText: /pruned [1-9]\d* images/ }).waitFor();
    assert.notEqual(d.berth(['image', 'inspect', first]).code, 0, 'the dangling image is gone');
    assert.equal(d.berth(['image', 'inspect', 'u19built:1']).code, 0, 'a named one stays');
  } finally {
    await reg.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('ui: push to a registry that wants a login, with the user and password typed in the page', async () => {
  const reg = await startRegistry({ htpasswd: { user: 'u19', password: 's3cret' } });
  try {
    ok(['tag', 'busybox', `${reg.host}/u19/private:1`]);
    await page.goto(`${origin}/#/images`);
    await page.locator(`#images tr[data-image="${reg.host}/u19/private:1"]`).waitFor();
    const img = page.locator('#images tr', { hasText: `${reg.host}/u19/private:1` }).first();
    await img.locator('button', { hasText: 'tag / push' }).click();
    const push = page.locator('#images tr.opened form.push');
    await push.locator('select').selectOption(`${reg.host}/u19/private:1`);
    await push.locator('button').click();
    await push.locator('.dim', { hasText: /error: .*(auth|credentials|unauthorized)/i }).waitFor({ timeout: 20_000 });
    await push.locator('details.credentials summary').click();
    await push.locator('input[name=username]').fill('u19');
    await push.locator('input[name=password]').fill('s3cret');
    await push.locator('button', { hasText: 'Push' }).click();
    await push.locator('.dim', { hasText: /1: digest: sha256:[0-9a-f]{64}/ }).waitFor({ timeout: 30_000 });
    const list = await fetch(`http://${reg.host}/v2/u19/private/tags/list`, { headers: { authorization: `Basic ${Buffer.from('u19:s3cret').toString('base64')}` } });
    assert.deepEqual((await list.json()).tags, ['1']);
    ok(['rmi', `${reg.host}/u19/private:1`]);
  } finally {
    await reg.stop();
  }
});

/** Creates a volume or a network with the page's form and waits for its row. */
async function createFromForm(name: string, rowOf: (n: string) => ReturnType<Page['locator']>): Promise<void> {
  await page.fill('form.create input[name=name]', name);
  await page.locator('form.create button').click();
  await rowOf(name).waitFor();
}

test('ui: volumes and networks — create, remove, prune from the page; the containers using each', async () => {
  await page.goto(`${origin}/#/volumes`);
  const vrow = (n: string) => page.locator(`#volumes tr[data-volume="${n}"]`);
  for (const n of ['u19data', 'u19spare']) await createFromForm(n, vrow);
  ok(['create', '--name', 'u19volc', '-v', 'u19data:/data', 'busybox', 'true']);
  await vrow('u19data').locator('.used a', { hasText: 'u19volc' }).waitFor();
  assert.equal(await vrow('u19spare').locator('.used').innerText(), 'unused');
  await vrow('u19vol').locator('button', { hasText: 'remove' }).click();
  await page.locator('.modal button.danger').click();
  await vrow('u19vol').waitFor({ state: 'detached' });
  assert.notEqual(d.berth(['volume', 'inspect', 'u19vol']).code, 0);
  await page.locator('#prune-volumes').click();
  await page.locator('.modal button.danger').click();
  await page.locator('#prune-note', { hasText: /pruned 1 volumes/ }).waitFor();
  await vrow('u19spare').waitFor({ state: 'detached' });
  assert.equal(d.berth(['volume', 'inspect', 'u19data']).code, 0, 'a volume in use stays');
  await shot('volumes');

  await page.goto(`${origin}/#/networks`);
  const nrow = (n: string) => page.locator(`#networks tr[data-network="${n}"]`);
  for (const n of ['u19net', 'u19net2']) await createFromForm(n, nrow);
  assert.equal(ok(['network', 'inspect', '-f', '{{.Driver}}', 'u19net']), 'bridge');
  ok(['network', 'connect', 'u19net', 'u19web']);
  await nrow('u19net').locator('.used a', { hasText: 'u19web' }).waitFor();
  await nrow('bridge').locator('.used a', { hasText: 'u19web' }).waitFor();
  assert.equal(await nrow('bridge').locator('button', { hasText: 'remove' }).count(), 0, 'the built-in networks cannot be removed');
  await nrow('u19net2').locator('button', { hasText: 'remove' }).click();
  await page.locator('.modal button.danger').click();
  await nrow('u19net2').waitFor({ state: 'detached' });
  ok(['network', 'create', 'u19net3']);
  await nrow('u19net3').waitFor();
  await page.locator('#prune-networks').click();
  await page.locator('.modal button.danger').click();
  await page.locator('#prune-note', { hasText: /pruned 1 networks/ }).waitFor();
  await nrow('u19net3').waitFor({ state: 'detached' });
  await nrow('u19net').waitFor();
  await shot('networks');
  ok(['network', 'disconnect', 'u19net', 'u19web']);
  ok(['rm', 'u19volc']);
});

test('ui: compose projects — grouped by their label, stop, start and down (with volumes) from the page', async () => {
  const work = mkdtempSync(join(tmpdir(), 'berth-u19-compose-'));
  try {
    writeFileSync(
      join(work, 'compose.yaml'),
      'services:\n  web:\n    image: busybox\n    command: httpd -f -p 80\n    stop_grace_period: 1s\n    volumes: [data:/data]\n  worker:\n    image: busybox\n    command: sleep 1000\n    stop_grace_period: 1s\n    depends_on: [web]\nvolumes:\n  data: {}\n',
    );
    ok(['compose', '-f', join(work, 'compose.yaml'), '-p', 'u19proj', 'up', '-d']);
    await page.goto(`${origin}/#/projects`);
    const proj = page.locator('section.project[data-project="u19proj"]');
    const member = (n: string, state: string) => proj.locator(`tr[data-name="${n}"][data-state="${state}"]`);
    await member('u19proj-web-1', 'running').waitFor();
    await member('u19proj-worker-1', 'running').waitFor();
    assert.equal(await page.locator('section.project').count(), 1, 'containers without the label are in no project');
    await proj.locator('.resources .networks', { hasText: 'u19proj_default' }).waitFor();
    await proj.locator('.resources .volumes', { hasText: 'u19proj_data' }).waitFor();
    await shot('projects');
    await proj.locator('button[data-verb="stop"]').click();
    await page.locator('.modal button.danger').click();
    await member('u19proj-web-1', 'exited').waitFor({ timeout: 20_000 });
    await member('u19proj-worker-1', 'exited').waitFor();
    await proj.locator('button[data-verb="start"]').click();
    await page.locator('.modal button.danger').click();
    await member('u19proj-web-1', 'running').waitFor();
    await member('u19proj-worker-1', 'running').waitFor();
    assert.equal(ok(['network', 'inspect', '-f', '{{.Name}}', 'u19proj_default']), 'u19proj_default');
    assert.equal(ok(['volume', 'inspect', '-f', '{{.Name}}', 'u19proj_data']), 'u19proj_data');
    await proj.locator('button[data-verb="down"]').click();
    await page.locator('.modal input[name=volumes]').check();
    await page.locator('.modal button.danger').click();
    await proj.waitFor({ state: 'detached', timeout: 20_000 });
    for (const end = Date.now() + 10_000; d.berth(['volume', 'inspect', 'u19proj_data']).code === 0; ) {
      assert.ok(Date.now() < end, 'down with volumes removes the project\'s volume');
      await page.waitForTimeout(100);
    }
    assert.equal(ok(['ps', '-aq', '--filter', 'label=com.docker.compose.project=u19proj']), '');
    assert.notEqual(d.berth(['network', 'inspect', 'u19proj_default']).code, 0, 'the default network goes with the project');
    assert.equal(await page.locator('.error').count(), 0);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test('ui: no uncaught errors in the page', () => {
  assert.deepEqual(pageErrors, []);
});
