// Pull and push against Debian's real docker-registry on loopback (plain
// HTTP, as Docker allows loopback registries): berth CLI and docker CLI,
// Docker schema 2 and OCI manifests, indexes with platform choice, digests,
// progress output, RepoDigests, layer reuse, run pulling a missing image,
// chunked uploads, search; and the bad cases: unknown tag, a corrupted blob,
// a registry that stops answering or cuts the connection mid-layer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';
import { getJSON, makeLayer, pushRaw, putManifest, startFaultyProxy, startRegistry, type RegistryServer } from './registry-server';

let d: Daemon;
let reg: RegistryServer;
let work: string;
let H: string;
let L1: { gz: Buffer; diffId: string };
let L2: { gz: Buffer; diffId: string };
let L3: { gz: Buffer; diffId: string };
let BB: { gz: Buffer; diffId: string };

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'berth-regtest-'));
  reg = await startRegistry();
  H = reg.host;
  d = await startTestDaemon({ images: ['busybox'], extraArgs: ['--registry-timeout', '3', '--registry-chunk-size', String(1 << 20), '--max-download-attempts', '1'] });
  // A base layer with busybox (so the pulled images run), and small layers on top.
  const root = join(work, 'bbroot');
  mkdirSync(join(root, 'bin'), { recursive: true });
  spawnSync('cp', ['/bin/busybox', join(root, 'bin', 'busybox')]);
  for (const a of ['sh', 'cat', 'echo', 'ls']) spawnSync('ln', ['-s', 'busybox', join(root, 'bin', a)]);
  const tarFile = join(work, 'bb.tar');
  assert.equal(spawnSync('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', tarFile, '.']).status, 0);
  const tarBytes = require('node:fs').readFileSync(tarFile) as Buffer;
  BB = { gz: require('node:zlib').gzipSync(tarBytes), diffId: require('./registry-server').sha(tarBytes) };
  L1 = makeLayer(work, { 'etc/one': 'one\n' });
  L2 = makeLayer(work, { 'etc/two': 'two\n' });
  L3 = makeLayer(work, { 'etc/three': randomBytes(300_000).toString('hex') });
});

after(async () => {
  await d?.stop();
  await reg?.stop();
  rmSync(work, { recursive: true, force: true });
});

const ok = (r: { code: number; stdout: string; stderr: string }, what: string) => {
  assert.equal(r.code, 0, `${what}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};

test('push with berth and docker, pull back with both; progress, digest line, RepoDigests', async () => {
  ok(d.berth(['tag', 'busybox', `${H}/base/bb:1`]), 'tag');
  const pushed = ok(d.berth(['push', `${H}/base/bb:1`]), 'push');
  assert.match(pushed, new RegExp(`^The push refers to repository \\[${H}/base/bb\\]\n`));
  assert.match(pushed, /^[0-9a-f]{12}: Preparing$/m);
  assert.match(pushed, /^[0-9a-f]{12}: Pushed$/m);
  const m = /^1: digest: (sha256:[0-9a-f]{64}) size: (\d+)$/m.exec(pushed);
  assert.ok(m, pushed);
  // the registry has exactly that manifest
  const got = await getJSON(H, `/v2/base/bb/manifests/1`, 'application/vnd.oci.image.manifest.v1+json');
  assert.equal(got.headers['docker-content-digest'], m[1]);
  const again = ok(d.docker(['push', `${H}/base/bb:1`]), 'docker push');
  assert.match(again, /: Layer already exists$/m);
  assert.match(again, new RegExp(`^1: digest: ${m[1]} size: ${m[2]}$`, 'm'));
  const digests = JSON.parse(ok(d.berth(['image', 'inspect', '-f', '{{json .RepoDigests}}', `${H}/base/bb:1`]), 'inspect'));
  assert.deepEqual(digests, [`${H}/base/bb@${m[1]}`]);

  ok(d.berth(['rmi', `${H}/base/bb:1`]), 'rmi');
  const pulled = ok(d.docker(['pull', `${H}/base/bb:1`]), 'docker pull');
  assert.match(pulled, /^1: Pulling from base\/bb$/m);
  assert.match(pulled, /: Already exists$/m, 'the layer busybox has is not fetched again');
  assert.match(pulled, new RegExp(`^Digest: ${m[1]}$`, 'm'));
  assert.match(pulled, new RegExp(`^Status: Downloaded newer image for ${H}/base/bb:1\n${H}/base/bb:1\n$`, 'm'));
  const up = ok(d.berth(['pull', `${H}/base/bb:1`]), 'berth pull');
  assert.match(up, new RegExp(`Status: Image is up to date for ${H}/base/bb:1\n${H}/base/bb:1\n$`));
});

test('multi-layer Docker schema 2 image: every progress step, layers in parallel, content verified, runs', async () => {
  const { digest } = await pushRaw(H, 'multi/app', 'v1', { layers: [BB.gz, L1.gz, L2.gz, L3.gz], diffIds: [BB.diffId, L1.diffId, L2.diffId, L3.diffId], cmd: ['cat', '/etc/one', '/etc/two'] });
  const res = await d.api('POST', `/images/create?fromImage=${encodeURIComponent(`${H}/multi/app`)}&tag=v1`);
  assert.equal(res.status, 200);
  const msgs = res.body.trim().split(/\r?\n/).map((l) => JSON.parse(l));
  const statuses = (id: string) => msgs.filter((x) => x.id === id).map((x) => x.status);
  const ids = [BB, L1, L2, L3].map((l) => require('./registry-server').sha(l.gz).slice(7, 19));
  for (const id of ids) {
    const s = statuses(id);
    for (const want of ['Pulling fs layer', 'Downloading', 'Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete']) assert.ok(s.includes(want), `${id}: ${want} in ${s}`);
    assert.ok(s.indexOf('Download complete') < s.indexOf('Extracting') && s.indexOf('Extracting') < s.indexOf('Pull complete'));
  }
  const dl = msgs.find((x) => x.status === 'Downloading');
  assert.ok(dl.progressDetail.current > 0 && dl.progressDetail.total > 0 && /^\[=*>/.test(dl.progress), JSON.stringify(dl));
  assert.equal(msgs.at(-2).status, `Digest: ${digest}`);
  assert.equal(msgs.at(-1).status, `Status: Downloaded newer image for ${H}/multi/app:v1`);
  assert.equal(ok(d.berth(['run', '--rm', `${H}/multi/app:v1`]), 'run'), 'one\ntwo\n');
  const layers = JSON.parse(ok(d.berth(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', `${H}/multi/app:v1`]), 'inspect'));
  assert.deepEqual(layers, [BB.diffId, L1.diffId, L2.diffId, L3.diffId]);
  // A second image sharing the lower layers fetches only its own.
  await pushRaw(H, 'multi/app', 'v2', { layers: [BB.gz, L1.gz, L2.gz], diffIds: [BB.diffId, L1.diffId, L2.diffId], oci: true });
  const out = ok(d.berth(['pull', `${H}/multi/app:v2`]), 'pull v2');
  assert.equal((out.match(/Already exists/g) ?? []).length, 3, out);
  assert.doesNotMatch(out, /Downloading|Pull complete/);
});

test('OCI manifest and OCI index: linux/amd64 by default, --platform picks another; pull by digest; -q', async () => {
  const amd = await pushRaw(H, 'multi/idx', 'amd64', { layers: [BB.gz, L1.gz], diffIds: [BB.diffId, L1.diffId], oci: true, cmd: ['cat', '/etc/one'] });
  const arm = await pushRaw(H, 'multi/idx', 'arm64', { layers: [BB.gz, L2.gz], diffIds: [BB.diffId, L2.diffId], oci: true, arch: 'arm64' });
  const index = {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: [
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: arm.digest, size: arm.size, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd.digest, size: amd.size, platform: { os: 'linux', architecture: 'amd64' } },
    ],
  };
  const idx = await putManifest(H, 'multi/idx', 'multi', 'application/vnd.oci.image.index.v1+json', index);
  const out = ok(d.berth(['pull', `${H}/multi/idx:multi`]), 'pull index');
  assert.match(out, new RegExp(`Digest: ${idx.digest}`));
  assert.equal(ok(d.berth(['image', 'inspect', '-f', '{{.Id}} {{.Architecture}}', `${H}/multi/idx:multi`]), 'inspect').trim(), `${amd.configDigest} amd64`);
  assert.deepEqual(JSON.parse(ok(d.berth(['image', 'inspect', '-f', '{{json .RepoDigests}}', `${H}/multi/idx:multi`]), 'inspect')), [`${H}/multi/idx@${idx.digest}`]);
  ok(d.docker(['pull', '--platform', 'linux/arm64', `${H}/multi/idx:multi`]), 'docker pull --platform');
  assert.equal(ok(d.berth(['image', 'inspect', '-f', '{{.Architecture}}', `${H}/multi/idx:multi`]), 'inspect').trim(), 'arm64');
  const bad = d.berth(['pull', '--platform', 'linux/s390x', `${H}/multi/idx:multi`]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /no matching manifest for linux\/s390x in the manifest list entries/);
  // by digest, quiet: only the reference is printed
  const q = ok(d.berth(['pull', '-q', `${H}/multi/idx@${amd.digest}`]), 'pull by digest');
  assert.equal(q, `${H}/multi/idx@${amd.digest}\n`);
  assert.equal(ok(d.berth(['run', '--rm', `${H}/multi/idx@${amd.digest}`]), 'run by digest'), 'one\n');
});

test('pull -a fetches every tag; run pulls a missing image with docker\'s message', async () => {
  await pushRaw(H, 'alltags/x', 'a', { layers: [BB.gz], diffIds: [BB.diffId], cmd: ['echo', 'a'] });
  await pushRaw(H, 'alltags/x', 'b', { layers: [BB.gz, L1.gz], diffIds: [BB.diffId, L1.diffId], cmd: ['echo', 'b'] });
  const out = ok(d.berth(['pull', '-a', `${H}/alltags/x`]), 'pull -a');
  assert.match(out, /^a: Pulling from alltags\/x$/m);
  assert.match(out, /^b: Pulling from alltags\/x$/m);
  const tags = ok(d.berth(['images', '--format', '{{.Tag}}', `${H}/alltags/x`]), 'images').trim().split('\n').sort();
  assert.deepEqual(tags, ['a', 'b']);
  await pushRaw(H, 'runme/x', 'latest', { layers: [BB.gz, L2.gz], diffIds: [BB.diffId, L2.diffId], cmd: ['cat', '/etc/two'] });
  const r = d.berth(['run', '--rm', `${H}/runme/x`]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'two\n');
  assert.match(r.stderr, new RegExp(`^Unable to find image '${H}/runme/x:latest' locally\nlatest: Pulling from runme/x\n`));
  ok(d.berth(['rmi', `${H}/runme/x`]), 'rmi');
  const dr = d.docker(['run', '--rm', `${H}/runme/x`]);
  assert.equal(dr.code, 0, dr.stderr);
  assert.equal(dr.stdout, 'two\n');
  assert.match(dr.stderr, /Unable to find image .* locally/);
});

test('unknown tag and unknown repository: clear errors, nothing stored', () => {
  const before = ok(d.berth(['images', '-q', '--no-trunc']), 'images');
  const r = d.berth(['pull', `${H}/base/bb:nope`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`Error response from daemon: manifest for ${H}/base/bb:nope not found: manifest unknown`));
  const dr = d.docker(['pull', `${H}/nothing/here:1`]);
  assert.equal(dr.code, 1);
  assert.match(dr.stderr, /Error response from daemon: manifest for .*nothing\/here:1 not found/);
  assert.equal(ok(d.berth(['images', '-q', '--no-trunc']), 'images'), before);
  const pr = d.berth(['push', `${H}/not/local:1`]);
  assert.equal(pr.code, 1);
  assert.match(pr.stderr, /tag does not exist: .*not\/local:1|No such image/);
});

test('a corrupted blob is refused; a registry that stalls or cuts mid-layer fails the pull cleanly, and the next pull finishes it', async () => {
  const big = makeLayer(work, { 'data/big': randomBytes(2 << 20) });
  await pushRaw(H, 'faulty/x', '1', { layers: [BB.gz, big.gz], diffIds: [BB.diffId, big.diffId], cmd: ['ls', '/data'] });
  const blob = require('./registry-server').sha(big.gz);
  const proxy = await startFaultyProxy(H, blob, 'corrupt');
  try {
    const P = proxy.host;
    const count = () => readdirSync(join(d.dataRoot, 'root', 'content', 'blobs', 'sha256')).length;
    const blobsBefore = count();
    const c = d.berth(['pull', `${P}/faulty/x:1`]);
    assert.equal(c.code, 1);
    assert.match(c.stderr, new RegExp(`filesystem layer verification failed for digest ${blob}`));
    assert.ok(!readdirSync(join(d.dataRoot, 'root', 'content', 'blobs', 'sha256')).includes(blob.slice(7)), 'the bad blob is not stored');
    assert.equal(d.berth(['image', 'inspect', `${P}/faulty/x:1`]).code, 1, 'no image');
    await proxy.setMode('stall');
    const s = d.docker(['pull', `${P}/faulty/x:1`]);
    assert.equal(s.code, 1);
    assert.match(s.stderr, /the registry stopped answering/);
    await proxy.setMode('cut');
    const k = d.berth(['pull', `${P}/faulty/x:1`]);
    assert.equal(k.code, 1);
    assert.match(k.stderr, /closed|aborted|socket hang up|ECONNRESET|terminated/i);
    assert.equal(d.berth(['image', 'inspect', `${P}/faulty/x:1`]).code, 1, 'still no image');
    assert.deepEqual(readdirSync(join(d.dataRoot, 'root', 'content', 'ingest')), [], 'no partial ingest left');
    assert.ok(count() >= blobsBefore);
    await proxy.setMode('pass');
    const fine = ok(d.berth(['pull', `${P}/faulty/x:1`]), 'pull after the fault');
    assert.match(fine, /Status: Downloaded newer image/);
    assert.equal(ok(d.berth(['run', '--rm', `${P}/faulty/x:1`]), 'run'), 'big\n');
  } finally {
    await proxy.stop();
  }
});

test('chunked upload of a large layer, cross-repository mount, images from import', async () => {
  const dir = join(work, 'bigroot');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'blob'), randomBytes(3 << 20));
  spawnSync('cp', ['/bin/busybox', join(dir, 'busybox')]);
  const tarFile = join(work, 'big.tar');
  spawnSync('tar', ['-C', dir, '-cf', tarFile, '.']);
  ok(d.berth(['import', tarFile, `${H}/chunky/x:1`]), 'import');
  const out = ok(d.berth(['push', `${H}/chunky/x:1`]), 'push');
  assert.match(out, /: Pushed$/m);
  ok(d.berth(['tag', `${H}/chunky/x:1`, `${H}/other/y:1`]), 'tag');
  const mounted = ok(d.docker(['push', `${H}/other/y:1`]), 'push other');
  assert.match(mounted, /: Mounted from chunky\/x$/m);
  ok(d.berth(['rmi', `${H}/chunky/x:1`, `${H}/other/y:1`]), 'rmi');
  ok(d.berth(['pull', `${H}/other/y:1`]), 'pull back');
  const size = ok(d.berth(['run', '--rm', `${H}/other/y:1`, '/busybox', 'stat', '-c', '%s', '/blob']), 'stat').trim();
  assert.equal(size, String(3 << 20));
});

test('search: the catalog filtered by the term, in docker\'s columns', () => {
  const out = ok(d.berth(['search', `${H}/multi`]), 'search');
  const lines = out.trim().split('\n');
  assert.match(lines[0], /^NAME\s+DESCRIPTION\s+STARS\s+OFFICIAL$/);
  assert.deepEqual(lines.slice(1).map((l) => l.split(/\s+/)[0]).sort(), [`${H}/multi/app`, `${H}/multi/idx`]);
  assert.equal(ok(d.berth(['search', '--limit', '1', '--format', '{{.Name}}', `${H}/multi`]), 'search').trim().split('\n').length, 1);
  assert.equal(ok(d.docker(['search', '--format', '{{.Name}}:{{.StarCount}}', `${H}/chunky`]), 'docker search'), `${H}/chunky/x:0\n`);
  assert.equal(ok(d.berth(['search', '--filter', 'is-official=true', '--format', '{{.Name}}', `${H}/multi`]), 'filter'), '');
  const bad = d.berth(['search', '--limit', '500', `${H}/multi`]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /limit 500 is outside the range of \[1, 100\]/);
});

test('skopeo (Debian) reads what berth pushed, and berth pulls what skopeo pushed, Docker and OCI manifests', () => {
  const skopeo = (args: string[]) => {
    const r = spawnSync('skopeo', args, { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, `skopeo ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  ok(d.berth(['tag', 'busybox', `${H}/interop/bb:1`]), 'tag');
  const pushed = /digest: (sha256:[0-9a-f]{64})/.exec(ok(d.berth(['push', `${H}/interop/bb:1`]), 'push'))![1];
  const info = JSON.parse(skopeo(['inspect', '--tls-verify=false', `docker://${H}/interop/bb:1`]));
  assert.equal(info.Digest, pushed);
  // skopeo copy verifies every blob against its digest
  skopeo(['copy', '--src-tls-verify=false', `docker://${H}/interop/bb:1`, `oci:${join(work, 'oci-layout')}:bb`]);
  for (const [format, repo, mt] of [
    ['v2s2', 'interop/v2s2', 'application/vnd.docker.distribution.manifest.v2+json'],
    ['oci', 'interop/oci', 'application/vnd.oci.image.manifest.v1+json'],
  ] as const) {
    skopeo(['copy', '--format', format, '--dest-tls-verify=false', `oci:${join(work, 'oci-layout')}:bb`, `docker://${H}/${repo}:1`]);
    const raw = JSON.parse(skopeo(['inspect', '--raw', '--tls-verify=false', `docker://${H}/${repo}:1`]));
    assert.equal(raw.mediaType, mt);
    const out = ok(d.docker(['pull', `${H}/${repo}:1`]), `pull ${format}`);
    assert.match(out, /Status: (Downloaded newer image|Image is up to date)/);
    assert.equal(ok(d.berth(['run', '--rm', `${H}/${repo}:1`, 'echo', format]), 'run'), `${format}\n`);
  }
});

test('berthd killed -9 in the middle of a pull: after the restart nothing is half-visible, and the pull completes', async () => {
  const big = makeLayer(work, { 'data/huge': randomBytes(4 << 20) });
  const top = makeLayer(work, { 'etc/top': 'top\n' });
  await pushRaw(H, 'killed/x', '1', { layers: [BB.gz, big.gz, top.gz], diffIds: [BB.diffId, big.diffId, top.diffId], cmd: ['cat', '/etc/top'] });
  const proxy = await startFaultyProxy(H, require('./registry-server').sha(big.gz), 'stall');
  try {
    const P = proxy.host;
    const root = join(d.dataRoot, 'root');
    const snapshots = () => readdirSync(join(root, 'snapshots')).sort();
    const before = snapshots();
    // Not awaited: once the progress stream began, a killed daemon leaves it unfinished.
    void d.api('POST', `/images/create?fromImage=${encodeURIComponent(`${P}/killed/x`)}&tag=1`).catch(() => undefined);
    const ingest = join(root, 'content', 'ingest');
    for (let i = 0; readdirSync(ingest).length === 0; i++) {
      assert.ok(i < 200, 'the pull never started the big layer');
      await new Promise((r) => setTimeout(r, 25));
    }
    d.kill9();
    await d.restart();
    assert.equal(d.berth(['image', 'inspect', `${P}/killed/x:1`]).code, 1, 'no image');
    assert.deepEqual(readdirSync(ingest), [], 'no partial blob');
    assert.deepEqual(snapshots(), before, 'no half-unpacked layer');
    await proxy.setMode('pass');
    assert.match(ok(d.berth(['pull', `${P}/killed/x:1`]), 'pull after the restart'), /Status: Downloaded newer image/);
    assert.equal(ok(d.berth(['run', '--rm', `${P}/killed/x:1`]), 'run'), 'top\n');
  } finally {
    await proxy.stop();
  }
});

test('push to another registry after a pull that reused a layer kept as a different blob', async () => {
  const base = makeLayer(work, { 'bin/busybox': require('node:fs').readFileSync('/bin/busybox'), 'etc/base': 'base\n' });
  // the same layer, imported uncompressed: same diff_id, another blob
  const tarFile = join(work, 'base.tar');
  writeFileSync(tarFile, require('node:zlib').gunzipSync(base.gz));
  ok(d.berth(['import', tarFile, 'local/base:1']), 'import');
  await pushRaw(H, 'reuse/x', '1', { layers: [base.gz, L1.gz], diffIds: [base.diffId, L1.diffId], cmd: ['/bin/busybox', 'cat', '/etc/base', '/etc/one'] });
  const pulled = ok(d.berth(['pull', `${H}/reuse/x:1`]), 'pull');
  assert.match(pulled, /Already exists/);
  const reg2 = await startRegistry();
  try {
    ok(d.berth(['tag', `${H}/reuse/x:1`, `${reg2.host}/reuse/x:1`]), 'tag');
    const out = ok(d.docker(['push', `${reg2.host}/reuse/x:1`]), 'push to the second registry');
    const digest = /^1: digest: (sha256:[0-9a-f]{64})/m.exec(out)![1];
    ok(d.berth(['rmi', `${H}/reuse/x:1`, `${reg2.host}/reuse/x:1`, 'local/base:1']), 'rmi');
    ok(d.berth(['pull', `${reg2.host}/reuse/x@${digest}`]), 'pull back');
    assert.equal(ok(d.berth(['run', '--rm', `${reg2.host}/reuse/x@${digest}`]), 'run'), 'base\none\n');
  } finally {
    await reg2.stop();
  }
});

test('a connection cut mid-layer is retried after docker\'s pause and resumed with a Range request', async () => {
  const big = makeLayer(work, { 'data/retry': randomBytes(3 << 20) });
  await pushRaw(H, 'retry/x', '1', { layers: [BB.gz, big.gz], diffIds: [BB.diffId, big.diffId], cmd: ['ls', '/data'] });
  const proxy = await startFaultyProxy(H, require('./registry-server').sha(big.gz), 'cut-once');
  const d2 = await startTestDaemon({ extraArgs: ['--max-download-attempts', '2'] });
  try {
    const res = await d2.api('POST', `/images/create?fromImage=${encodeURIComponent(`${proxy.host}/retry/x`)}&tag=1`);
    assert.equal(res.status, 200);
    const msgs = res.body.trim().split(/\r?\n/).map((l) => JSON.parse(l));
    assert.ok(!msgs.some((m) => m.error), res.body);
    assert.ok(msgs.some((m) => m.status === 'Retrying in 5 seconds'), res.body);
    assert.equal(msgs.at(-1).status, `Status: Downloaded newer image for ${proxy.host}/retry/x:1`);
  } finally {
    await d2.stop();
    await proxy.stop();
  }
});
