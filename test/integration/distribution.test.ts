// GET /distribution/{name}/json against Debian's docker-registry on
// loopback (one anonymous, one with htpasswd): the descriptor and platforms
// of single manifests (Docker and OCI) and of manifest lists, by tag and by
// digest, with X-Registry-Auth's credentials; and the errors. Driven through
// docker-py (images.get_registry_data) and the raw API, and compared with
// Debian's dockerd (started here with its own roots) asking the same
// registries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';
import { startDockerd, type RealDocker } from './dockerd';
import { freePort, makeLayer, pushRaw, putManifest, startRegistry, type RegistryServer } from './registry-server';

let d: Daemon;
let dk: RealDocker;
let reg: RegistryServer;
let priv: RegistryServer;
let work: string;
let H: string;
let single: { digest: string; size: number };
let oci: { digest: string; size: number };
let list: { digest: string; size: number };
let privDigest: string;
const USER = { user: 'dist-user', password: 'dist-secret' };

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'berth-dist-'));
  [d, dk, reg, priv] = await Promise.all([startTestDaemon(), startDockerd(), startRegistry(), startRegistry({ htpasswd: USER })]);
  H = reg.host;
  const l = makeLayer(work, { 'etc/x': 'x\n' });
  single = await pushRaw(H, 'team/app', '1', { layers: [l.gz], diffIds: [l.diffId], arch: 'arm64' });
  oci = await pushRaw(H, 'team/oci', '1', { layers: [l.gz], diffIds: [l.diffId], oci: true });
  list = await putManifest(H, 'team/app', 'multi', 'application/vnd.docker.distribution.manifest.list.v2+json', {
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.list.v2+json',
    manifests: [
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', ...single, platform: { architecture: 'arm64', os: 'linux', variant: 'v8' } },
      { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', ...single, platform: { architecture: 'amd64', os: 'linux', 'os.features': ['sse4'], 'os.version': '1' } },
    ],
  });
  // the private registry's image, pushed with the docker CLI through berthd after a login
  const tarFile = join(work, 'priv.tar.gz');
  writeFileSync(tarFile, l.gz);
  const ref = `${priv.host}/secret/img:1`;
  for (const args of [['import', tarFile, ref], ['login', '-u', USER.user, '--password-stdin', priv.host], ['push', ref]]) {
    const r = d.docker(args, { input: USER.password });
    assert.equal(r.code, 0, `docker ${args.join(' ')}: ${r.stderr}`);
  }
  privDigest = /digest: (sha256:[0-9a-f]{64})/.exec(d.docker(['push', ref]).stdout)![1];
  d.docker(['logout', priv.host]);
});
after(async () => {
  await Promise.all([d?.stop(), dk?.stop(), reg?.stop(), priv?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');

function get(socket: string, name: string, auth?: unknown): Promise<{ status: number; json: any }> {
  return new Promise((res, rej) => {
    const headers: Record<string, string> = auth === undefined ? {} : { 'X-Registry-Auth': typeof auth === 'string' ? auth : b64url(auth) };
    const req = http.request({ socketPath: socket, path: `/v1.41/distribution/${name}/json`, headers }, (r) => {
      let text = '';
      r.on('data', (c) => (text += c));
      r.on('end', () => res({ status: r.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', rej);
    req.end();
  });
}
const dkSocket = (): string => dk.host.replace(/^unix:\/\//, '');

/** docker-py's images.get_registry_data(name, auth_config): the attrs, or the APIError's class and status. */
function py(name: string, auth?: { username: string; password: string }): any {
  const script = [
    'import docker, json',
    `client = docker.DockerClient(base_url=${JSON.stringify(`unix://${d.socket}`)})`,
    'try:',
    `    r = client.images.get_registry_data(${JSON.stringify(name)}, auth_config=${auth ? JSON.stringify(auth) : 'None'})`,
    "    print(json.dumps({'id': r.id, 'attrs': r.attrs, 'amd64': r.has_platform('linux/amd64'), 'arm64': r.has_platform('linux/arm64')}))",
    'except docker.errors.APIError as e:',
    "    print(json.dumps({'error': type(e).__name__, 'status': e.status_code, 'explanation': e.explanation}))",
  ].join('\n');
  const r = spawnSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, DOCKER_CONFIG: join(work, 'no-config') } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('docker-py get_registry_data: a single manifest (platform from its config), a manifest list (every platform), an OCI manifest, by digest', async () => {
  const one = py(`${H}/team/app:1`);
  assert.equal(one.id, single.digest);
  assert.deepEqual(one.attrs, { Descriptor: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest: single.digest, size: single.size }, Platforms: [{ architecture: 'arm64', os: 'linux' }] });
  assert.equal(one.arm64, true);
  assert.equal(one.amd64, false);
  const multi = py(`${H}/team/app:multi`);
  assert.equal(multi.id, list.digest);
  assert.deepEqual(multi.attrs.Platforms, [
    { architecture: 'arm64', os: 'linux', variant: 'v8' },
    { architecture: 'amd64', os: 'linux', 'os.version': '1', 'os.features': ['sse4'] },
  ]);
  // dockerd 20.10 reports no platform for an OCI manifest (its switch knows only Docker's types); berth reads its config like a Docker one's.
  const o = py(`${H}/team/oci:1`);
  assert.deepEqual(o.attrs.Descriptor, { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: oci.digest, size: oci.size });
  assert.deepEqual(o.attrs.Platforms, [{ architecture: 'amd64', os: 'linux' }]);
  const byDigest = py(`${H}/team/app@${single.digest}`);
  assert.deepEqual(byDigest.attrs, one.attrs);
});

test('the raw API answers as dockerd: the same bodies for Docker manifests and lists, by tag and digest', async () => {
  for (const name of [`${H}/team/app:1`, `${H}/team/app:multi`, `${H}/team/app@${single.digest}`, `${H}/team/app:1@${single.digest}`]) {
    const [ours, theirs] = await Promise.all([get(d.socket, name), get(dkSocket(), name)]);
    assert.equal(ours.status, 200, `${name}: ${JSON.stringify(ours.json)}`);
    assert.deepEqual(ours, theirs, name);
  }
});

test('credentials from X-Registry-Auth: accepted, refused (401) and missing (500), as dockerd', async () => {
  const name = `${priv.host}/secret/img:1`;
  const good = { username: USER.user, password: USER.password, serveraddress: priv.host };
  const withAuth = py(name, { username: USER.user, password: USER.password });
  assert.equal(withAuth.id, privDigest);
  const cases: [unknown, number][] = [
    [good, 200],
    [{ username: USER.user, password: 'wrong' }, 401],
    [undefined, 500],
    ['not base64 json', 500],
  ];
  for (const [auth, status] of cases) {
    const [ours, theirs] = await Promise.all([get(d.socket, name, auth), get(dkSocket(), name, auth)]);
    assert.equal(ours.status, status, `${JSON.stringify(auth)}: ${JSON.stringify(ours.json)}`);
    assert.equal(theirs.status, status, `dockerd ${JSON.stringify(auth)}`);
    // berth pushed an OCI manifest: dockerd 20.10 gives it no Platforms (see above)
    if (status === 200) assert.deepEqual(ours.json.Descriptor, theirs.json.Descriptor);
    else assert.deepEqual(ours.json, theirs.json, JSON.stringify(auth));
  }
  const refused = py(name, { username: USER.user, password: 'wrong' });
  assert.equal(refused.status, 401);
  assert.ok(!JSON.stringify(refused).includes('wrong'), 'the password is never echoed');
});

test('errors as dockerd: unknown tag, repository or digest (404), an image ID, a bad name (400), an unreachable registry (500)', async () => {
  const dead = `127.0.0.1:${await freePort()}`;
  const same: [string, number][] = [
    [`${H}/team/app:nope`, 404],
    [`${H}/nothere/x:1`, 404],
    [`${H}/team/app@sha256:${'1'.repeat(64)}`, 404],
    [`${H}/team/app`, 404],
    [`sha256:${'0'.repeat(64)}`, 500],
    ['0'.repeat(64), 500],
    [`${H}/team/app:1/json`, 400],
  ];
  for (const [name, status] of same) {
    const [ours, theirs] = await Promise.all([get(d.socket, name), get(dkSocket(), name)]);
    assert.equal(ours.status, status, `${name}: ${JSON.stringify(ours.json)} (dockerd: ${JSON.stringify(theirs)})`);
    assert.deepEqual(ours, theirs, name);
  }
  const nf = py(`${H}/team/app:nope`);
  assert.equal(nf.error, 'NotFound');
  assert.equal(nf.explanation, 'manifest unknown: manifest unknown');
  // the network error's wording is Node's, not Go's; the status and the request named are dockerd's
  const [ours, theirs] = await Promise.all([get(d.socket, `${dead}/a:b`), get(dkSocket(), `${dead}/a:b`)]);
  assert.equal(ours.status, 500);
  assert.equal(theirs.status, 500);
  assert.match(ours.json.message, new RegExp(`^Get "https?://${dead}/v2/": .*(refused|ECONNREFUSED)`));
  // dockerd 20.10's reference parser leaves the name out of this message; newer ones put it in, as berth does
  const bad = await get(d.socket, `${H}/Team/app:1`);
  assert.equal(bad.status, 400, JSON.stringify(bad.json));
  assert.equal((await get(dkSocket(), `${H}/Team/app:1`)).status, 400);
  assert.match(bad.json.message, /^invalid reference format: repository name .*must be lowercase$/);
});
