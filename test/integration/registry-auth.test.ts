// Registry authentication and TLS against Debian's docker-registry:
// htpasswd basic auth (login with berth and the docker CLI, credentials in
// config.json, never in logs or inspect), bearer tokens from a token issuer
// the registry trusts, and a TLS registry that wants a client certificate
// from certs.d.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';
import { freePort, makeClientCert, openssl, startRegistry, type RegistryServer } from './registry-server';

let d: Daemon;
let work: string;
let certsDir: string;
const cleanups: (() => Promise<void> | void)[] = [];

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'berth-regauth-'));
  certsDir = join(work, 'certs.d');
  mkdirSync(certsDir);
  d = await startTestDaemon({ images: ['busybox'], extraArgs: ['--registry-certs-dir', certsDir, '--registry-timeout', '10', '--insecure-registry', '192.0.2.0/24', '--insecure-registry', 'reg.invalid:5000'] });
});

after(async () => {
  await d?.stop();
  for (const c of cleanups.reverse()) await c();
  rmSync(work, { recursive: true, force: true });
});

const ok = (r: { code: number; stdout: string; stderr: string }, what: string) => {
  assert.equal(r.code, 0, `${what}: ${r.stdout}${r.stderr}`);
  return r.stdout;
};

test('basic auth: wrong password refused, login stores config.json auth, push/pull with berth and docker, logout', async () => {
  const reg: RegistryServer = await startRegistry({ htpasswd: { user: 'alice', password: 'pa55-w0rd!' } });
  cleanups.push(() => reg.stop());
  const H = reg.host;
  ok(d.berth(['tag', 'busybox', `${H}/priv/bb:1`]), 'tag');
  const anon = d.berth(['push', `${H}/priv/bb:1`]);
  assert.equal(anon.code, 1);
  assert.match(anon.stderr, /unauthorized: authentication required/);
  const wrong = d.berth(['login', '-u', 'alice', '-p', 'nope', H]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /^WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n/);
  assert.match(wrong.stderr, new RegExp(`Error response from daemon: login attempt to http://${H}/v2/ failed with status: 401 Unauthorized`));
  const cfgFile = join(d.dataRoot, 'docker-config', 'config.json');
  assert.throws(() => readFileSync(cfgFile), /ENOENT/, 'nothing stored after a failed login');
  const login = d.berth(['login', '-u', 'alice', '--password-stdin', H], { input: 'pa55-w0rd!\n' });
  assert.equal(login.code, 0, login.stderr);
  assert.equal(login.stdout, 'Login Succeeded\n');
  const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
  assert.equal(cfg.auths[H].auth, Buffer.from('alice:pa55-w0rd!').toString('base64'));
  assert.match(ok(d.berth(['push', `${H}/priv/bb:1`]), 'push'), /^1: digest: sha256:/m);
  ok(d.berth(['rmi', `${H}/priv/bb:1`]), 'rmi');
  assert.match(ok(d.berth(['pull', `${H}/priv/bb:1`]), 'pull'), /Status: Downloaded newer image/);
  // the docker CLI reads the same config.json and sends X-Registry-Auth
  ok(d.berth(['rmi', `${H}/priv/bb:1`]), 'rmi');
  assert.match(ok(d.docker(['pull', `${H}/priv/bb:1`]), 'docker pull'), /Status: Downloaded newer image/);
  assert.equal(ok(d.berth(['logout', H]), 'logout'), `Removing login credentials for ${H}\n`);
  assert.equal(JSON.parse(readFileSync(cfgFile, 'utf8')).auths[H], undefined);
  const nope = d.docker(['pull', `${H}/priv/bb:1`]);
  assert.equal(nope.code, 1);
  assert.match(nope.stderr, /unauthorized|authentication required/);
  const dl = d.docker(['login', '-u', 'alice', '--password-stdin', H], { input: 'pa55-w0rd!' });
  assert.equal(dl.code, 0, dl.stderr);
  assert.match(dl.stdout, /Login Succeeded/);
  ok(d.docker(['tag', 'busybox', `${H}/priv/bb:2`]), 'tag');
  assert.match(ok(d.docker(['push', `${H}/priv/bb:2`]), 'docker push'), /^2: digest: sha256:/m);
  // credentials appear nowhere: daemon log, inspect
  const log = readFileSync(join(d.dataRoot, 'berthd.log'), 'utf8');
  assert.doesNotMatch(log, /pa55-w0rd!/);
  assert.doesNotMatch(log, new RegExp(Buffer.from('alice:pa55-w0rd!').toString('base64')));
  assert.doesNotMatch(ok(d.berth(['image', 'inspect', `${H}/priv/bb:2`]), 'inspect'), /pa55/);
  ok(d.docker(['logout', H]), 'docker logout');
});

test('bearer tokens: the challenge flow with scopes against a token issuer the registry trusts', async () => {
  const dir = join(work, 'token');
  mkdirSync(dir);
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'token.key', '-out', 'token.pem', '-days', '2', '-subj', '/CN=berth test token issuer'], dir);
  const certDer = readFileSync(join(dir, 'token.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const port = await freePort();
  const issuer = fork(join(__dirname, 'token-issuer.js'), [JSON.stringify({ key: readFileSync(join(dir, 'token.key'), 'utf8'), certDer, issuer: 'berth-test-issuer', service: 'berth-test-registry', user: 'bob', password: 'tok3n-pass' })], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, TOKEN_PORT: String(port) },
  });
  const issuerExit = new Promise<void>((r) => issuer.once('exit', () => r()));
  cleanups.push(async () => {
    issuer.kill('SIGKILL');
    await issuerExit;
  });
  await new Promise((r) => issuer.once('message', r));
  const reg = await startRegistry({ token: { realm: `http://127.0.0.1:${port}/token`, service: 'berth-test-registry', issuer: 'berth-test-issuer', certBundle: join(dir, 'token.pem') } });
  cleanups.push(() => reg.stop());
  const H = reg.host;
  ok(d.berth(['tag', 'busybox', `${H}/tok/bb:1`]), 'tag');
  const anon = d.berth(['push', `${H}/tok/bb:1`]);
  assert.equal(anon.code, 1, anon.stdout);
  assert.match(anon.stderr, /unauthorized|denied/);
  const wrong = d.berth(['login', '-u', 'bob', '-p', 'bad', H]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /incorrect username or password/);
  ok(d.berth(['login', '-u', 'bob', '-p', 'tok3n-pass', H]), 'login');
  assert.match(ok(d.berth(['push', `${H}/tok/bb:1`]), 'push'), /^1: digest: sha256:/m);
  ok(d.berth(['rmi', `${H}/tok/bb:1`]), 'rmi');
  assert.match(ok(d.docker(['pull', `${H}/tok/bb:1`]), 'docker pull'), /Status: Downloaded newer image/);
  ok(d.berth(['logout', H]), 'logout');
});

test('TLS: a registry that requires a client certificate works once certs.d has ca.crt, client.cert, client.key', async () => {
  const reg = await startRegistry({ clientCA: true });
  cleanups.push(() => reg.stop());
  const H = reg.host;
  ok(d.berth(['tag', 'busybox', `${H}/tls/bb:1`]), 'tag');
  const without = d.berth(['push', `${H}/tls/bb:1`]);
  assert.equal(without.code, 1, without.stdout);
  makeClientCert(reg.dir);
  const hostDir = join(certsDir, H);
  mkdirSync(hostDir);
  copyFileSync(join(reg.dir, 'ca.pem'), join(hostDir, 'ca.crt'));
  copyFileSync(join(reg.dir, 'client.cert'), join(hostDir, 'client.cert'));
  copyFileSync(join(reg.dir, 'client.key'), join(hostDir, 'client.key'));
  assert.match(ok(d.berth(['push', `${H}/tls/bb:1`]), 'push over mutual TLS'), /^1: digest: sha256:/m);
  ok(d.berth(['rmi', `${H}/tls/bb:1`]), 'rmi');
  assert.match(ok(d.docker(['pull', `${H}/tls/bb:1`]), 'docker pull over mutual TLS'), /Status: Downloaded newer image/);
  writeFileSync(join(hostDir, 'stray.cert'), 'x');
  const broken = d.berth(['pull', `${H}/tls/bb:1`]);
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /missing key stray.key for client certificate stray.cert/);
});

test('insecure registries show in info like dockerd', () => {
  const out = ok(d.docker(['info']), 'docker info');
  assert.match(out, / Insecure Registries:\n  reg.invalid:5000\n  ::1\/128\n  127.0.0.0\/8\n  192.0.2.0\/24\n/);
  const info = JSON.parse(ok(d.berth(['info', '--format', '{{json .RegistryConfig}}']), 'berth info'));
  assert.equal(info.IndexConfigs['docker.io'].Secure, true);
  assert.equal(info.IndexConfigs['reg.invalid:5000'].Secure, false);
});
