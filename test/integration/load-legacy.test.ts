// `docker load` of legacy `docker save` archives (repositories + v1 JSONs, no
// manifest.json), and loads that fail: driven through docker-py (Debian's
// python3-docker), the docker CLI and the raw API, side by side with Debian's
// dockerd (started here with its own roots) as the oracle: same image IDs,
// same status and message-stream shape for garbage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';
import { startDockerd, type RealDocker } from './dockerd';
import { busyboxLayers, legacyTar, packTar, sha, type LegacyLayer } from './legacy-archive';

let d: Daemon;
let dk: RealDocker;
let work: string;
let layers: { base: Buffer; top: Buffer };
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

before(async () => {
  [d, dk] = await Promise.all([startTestDaemon(), startDockerd()]);
  work = mkdtempSync(join(tmpdir(), 'berth-legacy-'));
  layers = await busyboxLayers();
});
after(async () => {
  await Promise.all([d?.stop(), dk?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

const baseJson = (): Record<string, unknown> => ({
  id: A,
  created: '2016-01-02T03:04:05.123456700Z',
  container_config: { Cmd: ['/bin/sh', '-c', '#(nop) ADD file:x in /'] },
  docker_version: '1.10.3',
  config: { Cmd: ['sh'], Env: ['PATH=/bin'] },
  architecture: 'amd64',
  os: 'linux',
  Size: 123,
});
const topJson = (): Record<string, unknown> => ({
  id: B,
  parent: A,
  created: '2016-01-02T03:04:06Z',
  container_config: { Cmd: ['/bin/sh', '-c', 'echo <hello> & more'] },
  docker_version: '1.10.3',
  author: 'me',
  config: { Cmd: ['cat', '/etc/hello'], Env: ['PATH=/bin', 'FOO=bar'], WorkingDir: '/etc', Labels: { l: 'v' } },
  architecture: 'amd64',
  os: 'linux',
});
const good = (): LegacyLayer[] => [
  { dir: A, json: baseJson(), layer: layers.base },
  { dir: B, json: topJson(), layer: layers.top },
];

function file(name: string, data: Buffer): string {
  const p = join(work, name);
  writeFileSync(p, data);
  return p;
}

/** Runs a docker-py snippet; `client` is docker.DockerClient, `data` the archive's bytes; prints JSON. */
function py(tarPath: string, code: string): any {
  const script = `import docker, json, sys\nclient = docker.DockerClient(base_url=${JSON.stringify(`unix://${d.socket}`)})\ndata = open(${JSON.stringify(tarPath)}, 'rb').read()\n${code}\n`;
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

/** client.images.load(data): what it returned, or the ImageLoadError's message. */
function pyLoad(tarPath: string): { loaded?: string[]; error?: string; kind?: string } {
  return py(
    tarPath,
    `try:\n    print(json.dumps({'loaded': [i.id for i in client.images.load(data)]}))\nexcept docker.errors.ImageLoadError as e:\n    print(json.dumps({'error': str(e), 'kind': 'ImageLoadError'}))\nexcept docker.errors.APIError as e:\n    print(json.dumps({'error': str(e), 'kind': 'APIError'}))`,
  );
}

function rawLoad(socket: string, body: Buffer): Promise<{ status: number; lines: any[] }> {
  return new Promise((res, rej) => {
    const req = http.request({ socketPath: socket, method: 'POST', path: '/v1.41/images/load?quiet=0', headers: { 'Content-Type': 'application/x-tar', 'Content-Length': body.length } }, (r) => {
      let text = '';
      r.on('data', (c) => (text += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, lines: text.split(/\r?\n/).filter(Boolean).map((l) => JSON.parse(l)) }));
    });
    req.on('error', rej);
    req.end(body);
  });
}

const imageIds = async (): Promise<string[]> => ((await d.api('GET', '/images/json?all=1')).json as { Id: string }[]).map((i) => i.Id).sort();

test('docker-py loads a legacy archive: config, layers, parents, history and tags as dockerd makes them', async () => {
  const tarPath = file('legacy.tar', await legacyTar(good(), { 'legacy/img': { v1: B, base: A } }));
  const r = pyLoad(tarPath);
  assert.deepEqual(r, { loaded: [] }, 'dockerd\'s legacy load prints no "Loaded image" lines');
  const got = py(
    tarPath,
    `img = client.images.get('legacy/img:v1')\nprint(json.dumps({'attrs': img.attrs, 'history': img.history(), 'base': client.images.get('legacy/img:base').id, 'out': client.containers.run('legacy/img:v1', remove=True, network_mode='none').decode()}))`,
  );
  const cfg = got.attrs.Config;
  assert.deepEqual(cfg.Cmd, ['cat', '/etc/hello']);
  assert.deepEqual(cfg.Env, ['PATH=/bin', 'FOO=bar']);
  assert.equal(cfg.WorkingDir, '/etc');
  assert.deepEqual(cfg.Labels, { l: 'v' });
  assert.equal(got.attrs.Author, 'me');
  assert.equal(got.attrs.Created, '2016-01-02T03:04:06Z');
  assert.deepEqual(got.attrs.RootFS.Layers, [sha(layers.base), sha(layers.top)]);
  assert.equal(got.attrs.Parent, got.base, 'the parent image is the parent layer\'s image');
  assert.deepEqual(got.history.map((h: { CreatedBy: string }) => h.CreatedBy), ['/bin/sh -c echo <hello> & more', '/bin/sh -c #(nop) ADD file:x in /']);
  assert.equal(got.out, 'hello legacy\n');
  // the same archive in dockerd: the same image IDs, and the same (silent) CLI output
  const dl = dk.docker(['load', '-i', tarPath]);
  assert.equal(dl.code, 0, dl.stderr);
  const bl = d.docker(['load', '-i', tarPath]);
  assert.equal(bl.code, 0, bl.stderr);
  assert.equal(bl.stdout, dl.stdout);
  for (const ref of ['legacy/img:v1', 'legacy/img:base']) {
    assert.equal(d.docker(['image', 'inspect', '-f', '{{.Id}}', ref]).stdout, dk.docker(['image', 'inspect', '-f', '{{.Id}}', ref]).stdout, ref);
  }
  assert.equal(d.docker(['rmi', 'legacy/img:v1', 'legacy/img:base']).code, 0);
});

test('hostile legacy archives are refused with a clear error and leave nothing behind', async () => {
  const before = await imageIds();
  const cases: [string, Buffer, RegExp][] = [
    ['parent path traversal', await legacyTar([good()[0], { ...good()[1], json: { ...topJson(), parent: '../../../etc' } }], { x: { v1: B } }), /invalid layer ID "..\/..\/..\/etc" in b+\/json/],
    ['tag path traversal', await legacyTar(good(), { x: { v1: '../' + B } }), /invalid target ID: \.\.\/b+/],
    ['missing parent', await legacyTar([good()[1]], { x: { v1: B } }), /layer b+ has parent a+, which is not in the archive/],
    [
      'loop of parents',
      await legacyTar(
        [
          { dir: A, json: { ...baseJson(), parent: C }, layer: layers.base },
          { dir: B, json: topJson(), layer: layers.top },
          { dir: C, json: { ...baseJson(), id: C, parent: B }, layer: layers.top },
        ],
        { x: { v1: B } },
      ),
      /the parents of layer a+ loop back to a+/,
    ],
    ['tag naming no layer', await legacyTar(good(), { x: { v1: C } }), /invalid target ID: c+/],
    ['bad tag', await legacyTar(good(), { 'Bad Name': { v1: B } }), /invalid tag "Bad Name:v1" in repositories/],
    ['missing layer.tar', await legacyTar([good()[0], { ...good()[1], layer: undefined }], { x: { v1: B } }), /invalid archive: layer b+\/layer.tar is missing/],
    ['a directory without json', await legacyTar(good(), { x: { v1: B } }, [{ name: 'stray', type: 'directory' }]), /invalid archive: stray\/json is missing/],
    ['a windows image', await legacyTar([{ ...good()[0], json: { ...baseJson(), os: 'windows' } }], { x: { v1: A } }), /cannot load windows image on linux/],
    ['json through a symlink out', await legacyTar([good()[0]], { x: { v1: A } }, [{ name: C, type: 'symlink', linkname: '/etc' }]), /^$/],
  ];
  for (const [what, data, message] of cases) {
    const r = pyLoad(file('hostile.tar', data));
    if (what === 'json through a symlink out') {
      // a symlinked directory is not a layer (as in dockerd): the rest loads
      assert.deepEqual(r, { loaded: [] }, what);
      assert.equal(d.docker(['rmi', 'x:v1']).code, 0);
      continue;
    }
    assert.equal(r.kind, 'ImageLoadError', `${what}: ${JSON.stringify(r)}`);
    assert.match(r.error!, message, what);
    assert.deepEqual(await imageIds(), before, `${what}: no image was recorded`);
  }
  const tmpLeft = existsSync(join(d.dataRoot, 'root', 'tmp')) ? readdirSync(join(d.dataRoot, 'root', 'tmp')).filter((n) => n.startsWith('load-')) : [];
  assert.deepEqual(tmpLeft, [], 'no unpacked archive left behind');
  assert.equal((await d.api('GET', '/_ping')).status, 200);
});

test('garbage and archives with neither manifest.json nor repositories: 200 and an error message, as dockerd', async () => {
  const inputs: [string, Buffer][] = [
    ['random bytes', randomBytes(64 << 10)],
    ['many random bytes', randomBytes(8 << 20)],
    ['a tar of other files', await packTar([{ name: 'x', body: 'hi\n' }, { name: 'dir', type: 'directory' }, { name: 'dir/y', body: 'y' }])],
    ['an empty body', Buffer.alloc(0)],
  ];
  for (const [what, data] of inputs) {
    const [ours, theirs] = await Promise.all([rawLoad(d.socket, data), rawLoad(dk.host.replace(/^unix:\/\//, ''), data)]);
    assert.equal(ours.status, theirs.status, what);
    assert.equal(ours.status, 200, what);
    const last = ours.lines[ours.lines.length - 1];
    const dlast = theirs.lines[theirs.lines.length - 1];
    assert.deepEqual(Object.keys(last).sort(), Object.keys(dlast).sort(), `${what}: ${JSON.stringify(last)} vs ${JSON.stringify(dlast)}`);
    assert.equal(last.error, last.errorDetail.message, what);
    const r = pyLoad(file('garbage.bin', data));
    assert.equal(r.kind, 'ImageLoadError', `${what}: ${JSON.stringify(r)}`);
    assert.equal(r.error, last.error);
    const cli = d.docker(['load'], { input: data });
    assert.notEqual(cli.code, 0, what);
    assert.ok(cli.stderr.includes(last.error), `${what}: ${cli.stderr}`);
  }
  assert.equal((await d.api('GET', '/_ping')).status, 200);
});
