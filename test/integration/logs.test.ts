// Logs: rotation by max-size/max-file without losing a line (followers see
// every line across rotations), --details, --since/--until forms, the none
// driver, and the daemon's default log driver and options from daemon.json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { Demuxer } from '../../src/client/demux';
import { ROOT, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let withDefaults: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  withDefaults = await startTestDaemon({
    images: ['busybox'],
    config: { 'log-driver': 'json-file', 'log-opts': { 'max-size': '1k', 'max-file': '2', labels: 'team' } },
  });
});
after(async () => {
  await d?.stop();
  await withDefaults?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A container writing line-0 … line-(n-1), pausing every 20 lines so rotation happens in between. */
const writer = (n: number) => `i=0; while [ $i -lt ${n} ]; do echo line-$i; i=$((i+1)); [ $((i % 20)) = 0 ] && sleep 0.1; done; sleep 1`;
const expectRun = (lines: string[], from: number, to: number) => {
  assert.deepEqual(lines, Array.from({ length: to - from }, (_, i) => `line-${from + i}`));
};

for (const cli of ['berth', 'docker'] as const) {
  test(`${cli}: max-size/max-file rotate; a follower sees every line, logs shows the kept files in order`, async () => {
    const name = `rot-${cli}`;
    const r = d[cli](['run', '-d', '--name', name, '--log-opt', 'max-size=2k', '--log-opt', 'max-file=3', 'busybox', 'sh', '-c', writer(400)]);
    assert.equal(r.code, 0, r.stderr);
    // follow from the start, through every rotation, until the container exits
    const follow = d[cli](['logs', '-f', name]);
    assert.equal(follow.code, 0, follow.stderr);
    expectRun(follow.stdout.trim().split('\n'), 0, 400);

    const id = d.berth(['inspect', '-f', '{{.Id}}', name]).stdout.trim();
    const files = readdirSync(join(d.dataRoot, 'root', 'containers', id)).filter((f) => f.startsWith('container.log'));
    assert.ok(files.length <= 3 && files.includes('container.log.1'), `files: ${files}`);
    // what is kept is a gapless run that ends with the last line
    const kept = d[cli](['logs', name]).stdout.trim().split('\n');
    assert.ok(kept.length >= 100 && kept.length < 400, `kept ${kept.length}`);
    expectRun(kept, 400 - kept.length, 400);
    // --tail reaches back over the file boundaries (files hold ~100 lines each)
    const n = kept.length - 5;
    expectRun(d[cli](['logs', '--tail', String(n), name]).stdout.trim().split('\n'), 400 - n, 400);
    d.berth(['rm', '-f', name]);
  });
}

test('--details puts the named labels and env before each line; --since/--until take durations, unix and RFC 3339 times', () => {
  const r = d.berth(['run', '--name', 'det', '-l', 'app=web shop', '-e', 'MODE=prod', '--log-opt', 'labels=app', '--log-opt', 'env=MODE', 'busybox', 'echo', 'hello']);
  assert.equal(r.code, 0, r.stderr);
  for (const cli of ['berth', 'docker'] as const) {
    assert.equal(d[cli](['logs', '--details', 'det']).stdout, 'MODE=prod,app=web+shop hello\n');
    assert.equal(d[cli](['logs', 'det']).stdout, 'hello\n');
    assert.equal(d[cli](['logs', '--since', '10m', 'det']).stdout, 'hello\n');
    assert.equal(d[cli](['logs', '--until', '10m', 'det']).stdout, '');
    const now = Math.floor(Date.now() / 1000);
    assert.equal(d[cli](['logs', '--since', String(now + 60), 'det']).stdout, '');
    assert.equal(d[cli](['logs', '--until', new Date(Date.now() + 60_000).toISOString(), 'det']).stdout, 'hello\n');
  }
  assert.equal(d.berth(['run', '--name', 'plain', 'busybox', 'echo', 'x']).code, 0);
  assert.equal(d.berth(['logs', '--details', 'plain']).stdout, ' x\n');
  d.berth(['rm', 'det', 'plain']);
});

test('bad log options are refused at create with the driver in the message', () => {
  const before = d.berth(['ps', '-aq']).stdout;
  for (const cli of ['berth', 'docker'] as const) {
    const r = d[cli](['run', '--log-opt', 'max-sise=1m', 'busybox', 'true']);
    assert.equal(r.code, 125);
    assert.match(r.stderr, /unknown log opt 'max-sise' for json-file log driver/);
    const u = d[cli](['create', '--log-driver', 'asdf', 'busybox', 'true']);
    assert.equal(u.code, 1); // create, unlike run, exits 1 on a daemon error (docker CLI 28)
    assert.match(u.stderr, /error looking up logging plugin asdf: plugin "asdf" not found/);
  }
  assert.equal(d.berth(['ps', '-aq']).stdout, before);
});

test('--log-driver none: output still reaches an attached client, logs refuses to read', () => {
  for (const cli of ['berth', 'docker'] as const) {
    const r = d[cli](['run', '--name', `nolog-${cli}`, '--log-driver', 'none', 'busybox', 'echo', 'attached']);
    assert.equal(r.stdout, 'attached\n');
    const l = d[cli](['logs', `nolog-${cli}`]);
    assert.equal(l.code, 1);
    assert.match(l.stderr, /configured logging driver does not support reading/);
    assert.equal(d.berth(['inspect', '-f', '{{.HostConfig.LogConfig.Type}} {{.LogPath}}', `nolog-${cli}`]).stdout, 'none \n');
    d.berth(['rm', `nolog-${cli}`]);
  }
});

test("daemon.json's log-driver and log-opts are every container's defaults", async () => {
  const w = withDefaults;
  assert.equal(w.berth(['run', '-d', '--name', 'dflt', '-l', 'team=blue', 'busybox', 'sh', '-c', writer(200)]).code, 0);
  assert.equal(w.berth(['inspect', '-f', '{{json .HostConfig.LogConfig}}', 'dflt']).stdout.trim(), '{"Type":"json-file","Config":{"labels":"team","max-file":"2","max-size":"1k"}}');
  const follow = w.docker(['logs', '-f', '--details', 'dflt']);
  expectRun(follow.stdout.trim().split('\n').map((l) => l.replace(/^team=blue /, '')), 0, 200);
  const id = w.berth(['inspect', '-f', '{{.Id}}', 'dflt']).stdout.trim();
  const files = readdirSync(join(w.dataRoot, 'root', 'containers', id)).filter((f) => f.startsWith('container.log'));
  assert.deepEqual(files.sort(), ['container.log', 'container.log.1']);
  // a container that names the driver itself but not options keeps Docker's merge: same driver → daemon's opts
  assert.equal(w.berth(['create', '--name', 'own', '--log-driver', 'local', 'busybox', 'true']).code, 0);
  assert.equal(w.berth(['inspect', '-f', '{{json .HostConfig.LogConfig}}', 'own']).stdout.trim(), '{"Type":"local","Config":{}}');
  w.berth(['rm', '-f', 'dflt', 'own']);
});

test('logs -f ends when the container exits and keeps up with a TTY container', async () => {
  assert.equal(d.berth(['run', '-d', '-t', '--name', 'ttylog', 'busybox', 'sh', '-c', 'sleep 1; echo one; sleep 1; echo two']).code, 0);
  const child = spawn(join(ROOT, 'bin', 'berth'), ['logs', '-f', 'ttylog'], { env: { ...process.env, BERTH_HOST: d.host } });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  const code = await new Promise((r) => child.on('exit', r));
  assert.equal(code, 0);
  assert.equal(out, 'one\r\ntwo\r\n');
  await sleep(10);
  d.berth(['rm', 'ttylog']);
});

test('a client that stops reading holds the log reader back: berthd does not buffer the file, and every byte arrives once it reads on', async () => {
  const bytes = 200 << 20;
  const line = '0123456789'.repeat(9) + '012345678'; // 99 bytes + newline
  const r = d.docker(['run', '-d', '--name', 'slow-reader', '--network', 'none', 'busybox', 'sh', '-c', `yes ${line} | head -c ${bytes}`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(d.docker(['wait', 'slow-reader']).stdout.trim(), '0');
  const rss = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${d.pid()}/status`, 'utf8'))![1]) * 1024;
  const before = rss();
  const got = await new Promise<number>((resolve, reject) => {
    const req = request({ socketPath: d.socket, path: '/v1.41/containers/slow-reader/logs?stdout=1&stderr=1' }, (res) => {
      assert.equal(res.statusCode, 200);
      res.pause();
      setTimeout(() => {
        // Without back-pressure berthd would have read and queued most of the file by now.
        const grown = rss() - before;
        if (grown > 64 << 20) {
          res.destroy();
          return reject(new Error(`berthd grew by ${grown >> 20} MiB while the client did not read`));
        }
        // The payload of the multiplexed frames (conmon may split a line into several records).
        const demux = new Demuxer();
        let payload = 0;
        res.on('data', (c: Buffer) => {
          for (const f of demux.push(c)) payload += f.payload.length;
        });
        res.on('end', () => resolve(payload));
        res.resume();
      }, 3000);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(got, bytes);
  d.docker(['rm', '-f', 'slow-reader']);
});
