// berthd's Engine API through dockerode, plus the raw HTTP edge cases:
// status codes, error messages, API version prefixes, body limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import http from 'node:http';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let docker: Docker;
before(async () => {
  d = await startTestDaemon({ images: ['busybox', 'hello-world'] });
  docker = new Docker({ socketPath: d.socket });
});
after(async () => {
  await d?.stop();
});

/** The error a promise rejects with (fails if it resolves). */
async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected the request to fail');
}

/** GET PATH with the response headers. */
function rawGet(path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((res, rej) => {
    const req = http.request({ socketPath: d.socket, path, method: 'GET' }, (r) => {
      let body = '';
      r.on('data', (c) => (body += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body }));
    });
    req.on('error', rej);
    req.end();
  });
}

/** Splits Docker's multiplexed stream (8-byte headers) into stdout and stderr. */
function demux(buf: Buffer): { stdout: string; stderr: string } {
  const out: Record<number, string> = { 1: '', 2: '' };
  let i = 0;
  while (i < buf.length) {
    assert.ok(i + 8 <= buf.length, 'truncated frame header');
    const stream = buf[i];
    assert.ok(stream === 1 || stream === 2, `bad stream byte ${stream}`);
    assert.deepEqual([...buf.subarray(i + 1, i + 4)], [0, 0, 0]);
    const size = buf.readUInt32BE(i + 4);
    out[stream] += buf.subarray(i + 8, i + 8 + size).toString();
    i += 8 + size;
  }
  assert.equal(i, buf.length, 'frame sizes do not add up');
  return { stdout: out[1], stderr: out[2] };
}

const snapshotDirs = () => readdirSync(`${d.dataRoot}/root/snapshots`).sort();

test('ping and version', async () => {
  assert.equal(String(await docker.ping()), 'OK');
  const v = await docker.version();
  assert.equal(v.ApiVersion, '1.47');
  assert.equal(v.MinAPIVersion, '1.24');
  assert.equal(v.Os, 'linux');
  assert.equal((v as any).Platform?.Name, 'Berth Engine');
  assert.ok(v.Components?.some((c) => c.Name === 'Engine' && c.Version === v.Version), JSON.stringify(v.Components));
});

test('listImages and getImage().inspect', async () => {
  const images = await docker.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).sort();
  assert.deepEqual(tags, ['busybox:latest', 'hello-world:latest']);
  for (const i of images) assert.match(i.Id, /^sha256:[0-9a-f]{64}$/);
  const bb = await docker.getImage('busybox').inspect();
  assert.equal(bb.Id, images.find((i) => i.RepoTags?.includes('busybox:latest'))!.Id);
  assert.deepEqual(bb.Config.Cmd, ['sh']);
  const err = await rejection(docker.getImage('nosuchimage').inspect());
  assert.equal(err.statusCode, 404);
  assert.match(err.message, /No such image: nosuchimage/);
});

test('create, start, wait, logs, remove', async () => {
  const c = await docker.createContainer({
    Image: 'busybox',
    name: 'dockerode-run',
    Cmd: ['sh', '-c', 'echo out1; echo err1 >&2; echo out2; exit 4'],
    Labels: { suite: 'dockerode' },
  });
  assert.match(c.id, /^[0-9a-f]{64}$/);
  const created = await c.inspect();
  assert.equal(created.State.Status, 'created');
  assert.equal(created.Name, '/dockerode-run');
  assert.deepEqual(created.Config.Labels, { suite: 'dockerode' });
  await c.start();
  const w = await c.wait();
  assert.equal(w.StatusCode, 4);
  const logs = (await c.logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
  assert.ok(Buffer.isBuffer(logs));
  assert.deepEqual(demux(logs), { stdout: 'out1\nout2\n', stderr: 'err1\n' });
  const onlyErr = (await c.logs({ stdout: false, stderr: true })) as unknown as Buffer;
  assert.deepEqual(demux(onlyErr), { stdout: '', stderr: 'err1\n' });
  const ins = await c.inspect();
  assert.equal(ins.State.Status, 'exited');
  assert.equal(ins.State.ExitCode, 4);
  const listed = await docker.listContainers({ all: true, filters: { label: ['suite=dockerode'] } });
  assert.deepEqual(listed.map((x) => x.Id), [c.id]);
  assert.equal(listed[0].State, 'exited');
  await c.remove();
  const err = await rejection(c.inspect());
  assert.equal(err.statusCode, 404);
});

test('attach before start, demuxed with modem.demuxStream', async () => {
  const c = await docker.createContainer({
    Image: 'busybox',
    Cmd: ['sh', '-c', 'echo to-out; echo to-err >&2'],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await c.attach({ stream: true, stdout: true, stderr: true });
  const out = new PassThrough();
  const errS = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (b) => (o += b));
  errS.on('data', (b) => (e += b));
  docker.modem.demuxStream(stream, out, errS);
  const ended = new Promise((r) => stream.on('end', r));
  await c.start();
  assert.equal((await c.wait()).StatusCode, 0);
  await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
  assert.equal(o, 'to-out\n');
  assert.equal(e, 'to-err\n');
  await c.remove({ force: true });
});

test('404 for an unknown container', async () => {
  const err = await rejection(docker.getContainer('no-such-thing').inspect());
  assert.equal(err.statusCode, 404);
  assert.match(err.message, /No such container: no-such-thing/);
  assert.deepEqual(err.json, { message: 'No such container: no-such-thing' });
  for (const call of [() => docker.getContainer('no-such-thing').start(), () => docker.getContainer('no-such-thing').remove()]) {
    const e = await rejection(call());
    assert.equal(e.statusCode, 404);
  }
});

test('409 on a name conflict', async () => {
  const first = await docker.createContainer({ Image: 'busybox', name: 'same-name', Cmd: ['true'] });
  const err = await rejection(docker.createContainer({ Image: 'busybox', name: 'same-name', Cmd: ['true'] }));
  assert.equal(err.statusCode, 409);
  assert.match(err.message, new RegExp(`The container name "/same-name" is already in use by container "${first.id}"`));
  await first.remove();
  const again = await docker.createContainer({ Image: 'busybox', name: 'same-name', Cmd: ['true'] });
  await again.remove();
});

test('400 on malformed JSON', async () => {
  const r = await d.api('POST', '/containers/create', '{bad json');
  assert.equal(r.status, 400);
  assert.match(r.json?.message ?? '', /^invalid JSON/);
  const list = await d.api('GET', '/containers/json?all=1');
  assert.deepEqual(list.json, []);
});

test('a body over 16 MiB gets 400 and the daemon stays up', async () => {
  const huge = JSON.stringify({ Image: 'busybox', Labels: { big: 'x'.repeat(17 << 20) } });
  assert.ok(huge.length > 16 << 20);
  const r = await d.api('POST', '/containers/create', huge);
  assert.equal(r.status, 400);
  assert.match(r.json?.message ?? '', /request body is too large/);
  assert.equal(String(await docker.ping()), 'OK');
  assert.deepEqual(await docker.listContainers({ all: true }), []);
  const c = await docker.createContainer({ Image: 'busybox', Cmd: ['true'] });
  await c.remove();
});

test('API version prefixes', async () => {
  const ok = await d.api('GET', '/v1.24/_ping');
  assert.equal(ok.status, 200);
  assert.equal(ok.body, 'OK');
  const v = await d.api('GET', '/v1.47/version');
  assert.equal(v.status, 200);
  assert.equal(v.json.ApiVersion, '1.47');
  const tooNew = await d.api('GET', '/v1.99/version');
  assert.equal(tooNew.status, 400);
  assert.equal(tooNew.json.message, 'client version 1.99 is too new. Maximum supported API version is 1.47');
  const tooOld = await d.api('GET', '/v1.12/version');
  assert.equal(tooOld.status, 400);
  assert.match(tooOld.json.message, /^client version 1\.12 is too old\. Minimum supported API version is 1\.24/);
  // dockerode with a pinned version uses the prefix too.
  const old = new Docker({ socketPath: d.socket, version: 'v1.24' });
  assert.equal((await old.version()).ApiVersion, '1.47');
  const err = await rejection(new Docker({ socketPath: d.socket, version: 'v1.99' }).version());
  assert.equal(err.statusCode, 400);
  assert.match(err.message, /too new/);
});

test('the Api-Version header on /_ping', async () => {
  const r = await rawGet('/_ping');
  assert.equal(r.status, 200);
  assert.equal(r.body, 'OK');
  assert.equal(r.headers['api-version'], '1.47');
  assert.equal(r.headers['ostype'], 'linux');
  assert.match(String(r.headers['server']), /^Berth\//);
  const e = await rawGet('/containers/nope/json');
  assert.equal(e.headers['api-version'], '1.47');
  assert.match(String(e.headers['content-type']), /^application\/json/);
});

test('a failed create (unknown image) leaves no container and no snapshot', async () => {
  const before = snapshotDirs();
  const err = await rejection(docker.createContainer({ Image: 'nosuchimage:v9', name: 'never', Cmd: ['true'] }));
  assert.equal(err.statusCode, 404);
  assert.match(err.message, /No such image: nosuchimage:v9/);
  assert.deepEqual(await docker.listContainers({ all: true }), []);
  assert.deepEqual(snapshotDirs(), before);
  // The name is free.
  const c = await docker.createContainer({ Image: 'busybox', name: 'never', Cmd: ['true'] });
  assert.equal(snapshotDirs().length, before.length + 1);
  await c.remove();
  assert.deepEqual(snapshotDirs(), before);
});

test('dockerode: container.stats one-shot and streamed, getEvents with since/until and filters', async () => {
  const since = Math.floor(Date.now() / 1000) - 1;
  const c = await docker.createContainer({ Image: 'busybox', Cmd: ['sleep', '300'], name: 'dode-stats', Labels: { probe: 'yes' } });
  await c.start();
  try {
    const one = (await c.stats({ stream: false, 'one-shot': true } as { stream: false })) as unknown as Docker.ContainerStats;
    assert.equal(one.name, '/dode-stats');
    assert.ok(one.memory_stats.usage > 0);
    assert.ok((one.pids_stats?.current ?? 0) >= 1);
    const stream = (await c.stats({ stream: true })) as unknown as NodeJS.ReadableStream & { destroy(): void };
    const frames: Docker.ContainerStats[] = await new Promise((resolve, reject) => {
      const got: Docker.ContainerStats[] = [];
      let buf = '';
      stream.on('data', (chunk: Buffer) => {
        buf += chunk;
        for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
          got.push(JSON.parse(buf.slice(0, nl)));
          buf = buf.slice(nl + 1);
          if (got.length === 2) {
            stream.destroy();
            resolve(got);
          }
        }
      });
      stream.on('error', reject);
    });
    assert.equal(frames[1].precpu_stats.cpu_usage.total_usage, frames[0].cpu_stats.cpu_usage.total_usage);
  } finally {
    await c.remove({ force: true });
  }
  const until = Math.floor(Date.now() / 1000) + 1;
  await new Promise((r) => setTimeout(r, 1100));
  const events = (await docker.getEvents({ since, until, filters: { label: ['probe=yes'] } })) as unknown as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of events) text += chunk;
  const actions = text.trim().split('\n').map((l) => JSON.parse(l).Action);
  assert.deepEqual(actions, ['create', 'start', 'kill', 'die', 'destroy']);
});
