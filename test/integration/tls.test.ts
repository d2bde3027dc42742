// The daemon's TCP door: mutual TLS with certificates made here by openssl,
// the berth CLI's --tlsverify flags and BERTH_/DOCKER_ TLS variables, the
// docker CLI's TLS, clients without a valid certificate getting nothing, and
// berthd refusing plain TCP unless told --tls=false. Only 127.0.0.1, on
// ports the kernel picks (-H tcp://127.0.0.1:0, read back from the log).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let dir: string;
let port: number;
let tcpHost: string;
const certs = (name: string) => join(dir, name);

function openssl(args: string[]): void {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `openssl ${args.join(' ')}: ${r.stderr}`);
}

/** A CA, and a certificate it signs for `cn` with the given extensions. */
function makeCa(name: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`]);
}
function makeCert(ca: string, name: string, ext: string): void {
  writeFileSync(certs(`${name}.ext`), ext);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-out', `${name}-cert.pem`, '-days', '2', '-extfile', `${name}.ext`]);
}

/** The port berthd logged for its TCP listener. */
function loggedPort(dataRoot: string): number {
  const m = /listening on tcp:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(join(dataRoot, 'berthd.log'), 'utf8'));
  assert.ok(m, 'berthd logged its TCP port');
  return Number(m[1]);
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'berth-tls-'));
  makeCa('ca');
  makeCert('ca', 'server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  makeCert('ca', 'client', 'extendedKeyUsage=clientAuth\n');
  makeCa('rogue-ca');
  makeCert('rogue-ca', 'rogue', 'extendedKeyUsage=clientAuth\n');
  // DOCKER_CERT_PATH layouts: the good client, and one signed by another CA
  for (const [sub, cert] of [['good', 'client'], ['bad', 'rogue']]) {
    mkdirSync(certs(sub));
    writeFileSync(certs(`${sub}/ca.pem`), readFileSync(certs('ca.pem')));
    writeFileSync(certs(`${sub}/cert.pem`), readFileSync(certs(`${cert}-cert.pem`)));
    writeFileSync(certs(`${sub}/key.pem`), readFileSync(certs(`${cert}-key.pem`)));
  }
  d = await startTestDaemon({
    images: ['busybox'],
    extraArgs: ['-H', 'tcp://127.0.0.1:0', '--tlsverify', '--tlscacert', certs('ca.pem'), '--tlscert', certs('server-cert.pem'), '--tlskey', certs('server-key.pem')],
  });
  port = loggedPort(d.dataRoot);
  tcpHost = `tcp://127.0.0.1:${port}`;
});
after(async () => {
  await d?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// No unix socket in these runs: only the TCP door.
const noUnix = { BERTH_HOST: '', DOCKER_HOST: '' };
const flags = () => ['-H', tcpHost, '--tlsverify', '--tlscacert', certs('ca.pem'), '--tlscert', certs('client-cert.pem'), '--tlskey', certs('client-key.pem')];

test('berth CLI: --tlsverify with certificate flags; run and attach go through TLS', () => {
  const v = d.berth([...flags(), 'version', '--format', '{{.Server.Version}}'], { env: noUnix });
  assert.equal(v.code, 0, v.stderr);
  assert.ok(v.stdout.trim());
  const r = d.berth([...flags(), 'run', '--rm', 'busybox', 'echo', 'over tls'], { env: noUnix });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'over tls\n');
  const i = d.berth([...flags(), 'run', '--rm', '-i', 'busybox', 'cat'], { env: noUnix, input: 'stdin over tls\n' });
  assert.equal(i.stdout, 'stdin over tls\n');
});

test('berth CLI: BERTH_TLS_VERIFY/BERTH_CERT_PATH and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH', () => {
  const a = d.berth(['ps', '-a', '-q'], { env: { BERTH_HOST: tcpHost, DOCKER_HOST: '', BERTH_TLS_VERIFY: '1', BERTH_CERT_PATH: certs('good') } });
  assert.equal(a.code, 0, a.stderr);
  const b = d.berth(['images', '--format', '{{.Repository}}'], { env: { BERTH_HOST: '', DOCKER_HOST: tcpHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs('good') } });
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /busybox/);
  // a client certificate from another CA is turned away in the handshake
  const bad = d.berth(['ps'], { env: { BERTH_HOST: tcpHost, DOCKER_HOST: '', BERTH_TLS_VERIFY: '1', BERTH_CERT_PATH: certs('bad') } });
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stdout, '');
  // a named certificate file that is missing is an error before connecting
  const missing = d.berth(['-H', tcpHost, '--tlsverify', '--tlscert', certs('nope.pem'), 'ps'], { env: noUnix });
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /nope\.pem: no such file or directory/);
});

test('berth CLI checks the daemon: a CA that did not sign its certificate fails', () => {
  const r = d.berth(['-H', tcpHost, '--tlsverify', '--tlscacert', certs('rogue-ca.pem'), '--tlscert', certs('client-cert.pem'), '--tlskey', certs('client-key.pem'), 'ps'], { env: noUnix });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /certificate|self.signed|verify/i);
});

test('docker CLI: TLS flags and DOCKER_TLS_VERIFY/DOCKER_CERT_PATH against berthd', () => {
  const r = d.docker(['-H', tcpHost, '--tlsverify', '--tlscacert', certs('ca.pem'), '--tlscert', certs('client-cert.pem'), '--tlskey', certs('client-key.pem'), 'run', '--rm', 'busybox', 'echo', 'docker over tls'], { env: noUnix });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'docker over tls\n');
  const e = d.docker(['info', '--format', '{{.ServerVersion}}'], { env: { DOCKER_HOST: tcpHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs('good') } });
  assert.equal(e.code, 0, e.stderr);
  const bad = d.docker(['ps'], { env: { DOCKER_HOST: tcpHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs('bad') } });
  assert.notEqual(bad.code, 0);
  assert.equal(bad.stdout, '');
  // plain HTTP to the TLS port gets no API
  const plain = d.docker(['ps'], { env: { DOCKER_HOST: tcpHost } });
  assert.notEqual(plain.code, 0);
  assert.equal(plain.stdout, '');
});

/** Everything the server sends to a client that speaks `how`, until it closes. */
function exchange(how: 'no-cert' | 'rogue-cert' | 'plain'): Promise<{ bytes: string; error?: string }> {
  return new Promise((resolve) => {
    let got = '';
    const request = 'GET /v1.47/containers/json HTTP/1.1\r\nHost: x\r\n\r\n';
    const done = (error?: string) => resolve({ bytes: got, error });
    const sock =
      how === 'plain'
        ? net.connect(port, '127.0.0.1', () => sock.write(request))
        : tls.connect(
            {
              host: '127.0.0.1',
              port,
              ca: readFileSync(certs('ca.pem')),
              ...(how === 'rogue-cert' ? { cert: readFileSync(certs('rogue-cert.pem')), key: readFileSync(certs('rogue-key.pem')) } : {}),
            },
            () => sock.write(request),
          );
    sock.on('data', (c: Buffer) => (got += c.toString('latin1')));
    sock.on('error', (err) => done(err.message));
    sock.on('close', () => done());
    sock.setTimeout(20_000, () => sock.destroy(new Error('timeout')));
  });
}

test('a client without a valid certificate gets nothing: no HTTP, no containers list', async () => {
  for (const how of ['no-cert', 'rogue-cert', 'plain'] as const) {
    const r = await exchange(how);
    assert.ok(!r.bytes.includes('HTTP/1.1'), `${how}: got ${JSON.stringify(r.bytes.slice(0, 80))}`);
    assert.ok(!r.bytes.includes('Id'), how);
  }
});

test('berthd refuses plain or unverified TCP unless --tls=false, which warns', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'berth-tls-refuse-'));
  try {
    for (const extra of [[], ['--tls'], ['--tlsverify=false']]) {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'berthd'), '-H', 'tcp://127.0.0.1:0', ...extra, '--data-root', join(scratch, 'root'), '--exec-root', join(scratch, 'exec'), '--config-file', '/dev/null'], { encoding: 'utf8', timeout: 30_000 });
      assert.notEqual(r.status, 0, `berthd ${extra.join(' ')} started`);
      assert.match(r.stderr + r.stdout, /refusing to listen on tcp:\/\/127\.0\.0\.1:0/);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const insecure = await startTestDaemon({ extraArgs: ['-H', 'tcp://127.0.0.1:0', '--tls=false'] });
  try {
    const log = readFileSync(join(insecure.dataRoot, 'berthd.log'), 'utf8');
    assert.match(log, /Binding to IP address without --tlsverify is insecure/);
    const p = loggedPort(insecure.dataRoot);
    const r = insecure.berth(['-H', `tcp://127.0.0.1:${p}`, 'version', '--format', '{{.Server.Os}}'], { env: noUnix });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'linux');
  } finally {
    await insecure.stop();
  }
});
