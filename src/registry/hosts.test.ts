import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRegistryHosts, hostname, inCidr } from './hosts';

test('cidr matching and host names', () => {
  assert.ok(inCidr('127.0.0.1', '127.0.0.0/8'));
  assert.ok(!inCidr('128.0.0.1', '127.0.0.0/8'));
  assert.ok(inCidr('::1', '::1/128'));
  assert.ok(inCidr('10.1.2.3', '10.0.0.0/8'));
  assert.ok(!inCidr('10.1.2.3', '::1/128'));
  assert.equal(hostname('localhost:5000'), 'localhost');
  assert.equal(hostname('[::1]:5000'), '::1');
  assert.equal(hostname('example.com'), 'example.com');
});

test('endpoints: https by default, http fallback for loopback and insecure registries, certs.d', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-certsd-'));
  try {
    mkdirSync(path.join(dir, 'reg.example:5000'));
    writeFileSync(path.join(dir, 'reg.example:5000', 'ca.crt'), 'CA');
    writeFileSync(path.join(dir, 'reg.example:5000', 'client.cert'), 'CERT');
    writeFileSync(path.join(dir, 'reg.example:5000', 'client.key'), 'KEY');
    const hosts = createRegistryHosts({ certsDir: dir, insecure: ['insecure.example:5000', '192.0.2.0/24'] });
    const reg = await hosts('reg.example:5000');
    assert.equal(reg.length, 1);
    assert.equal(reg[0].base, 'https://reg.example:5000');
    assert.equal(reg[0].tls?.cert, 'CERT');
    assert.equal(reg[0].tls?.key, 'KEY');
    assert.equal(reg[0].tls?.ca?.at(-1), 'CA');
    assert.equal(reg[0].tls?.rejectUnauthorized, true);
    const lo = await hosts('127.0.0.1:5000');
    assert.deepEqual(lo.map((e) => e.base), ['https://127.0.0.1:5000', 'http://127.0.0.1:5000']);
    assert.equal(lo[0].tls?.rejectUnauthorized, false);
    assert.deepEqual((await hosts('insecure.example:5000')).map((e) => e.base), ['https://insecure.example:5000', 'http://insecure.example:5000']);
    assert.deepEqual((await hosts('192.0.2.7:443')).map((e) => e.base), ['https://192.0.2.7:443', 'http://192.0.2.7:443']);
    assert.deepEqual((await hosts('docker.io')).map((e) => e.base), ['https://registry-1.docker.io']);
    assert.throws(() => createRegistryHosts({ certsDir: dir, insecure: ['http://x'] }), /should not contain/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the CA file of NODE_EXTRA_CA_CERTS (handed over as BERTH_EXTRA_CA_CERTS) is trusted beside the roots, certs.d or not', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-extra-ca-'));
  const saved = { node: process.env.NODE_EXTRA_CA_CERTS, berth: process.env.BERTH_EXTRA_CA_CERTS };
  try {
    writeFileSync(path.join(dir, 'extra.pem'), 'EXTRA');
    delete process.env.NODE_EXTRA_CA_CERTS;
    process.env.BERTH_EXTRA_CA_CERTS = path.join(dir, 'extra.pem');
    mkdirSync(path.join(dir, 'certs', 'own.example'), { recursive: true });
    writeFileSync(path.join(dir, 'certs', 'own.example', 'ca.crt'), 'OWN');
    const hosts = createRegistryHosts({ certsDir: path.join(dir, 'certs'), insecure: [] });
    const { rootCertificates } = await import('node:tls');
    const plain = (await hosts('reg.example'))[0].tls?.ca ?? [];
    assert.deepEqual(plain, [...rootCertificates, 'EXTRA'], 'no certs.d: the roots and the extra file');
    const own = (await hosts('own.example'))[0].tls?.ca ?? [];
    assert.deepEqual(own.slice(-2), ['EXTRA', 'OWN']);
    process.env.BERTH_EXTRA_CA_CERTS = path.join(dir, 'missing.pem');
    assert.equal((await hosts('reg.example'))[0].tls?.ca, undefined, 'an unreadable file is left out, as node does');
  } finally {
    for (const [k, v] of [['NODE_EXTRA_CA_CERTS', saved.node], ['BERTH_EXTRA_CA_CERTS', saved.berth]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unverified (insecure or loopback) registry gets no CA list: nothing would check it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-insecure-ca-'));
  try {
    mkdirSync(path.join(dir, '127.0.0.1:5000'));
    writeFileSync(path.join(dir, '127.0.0.1:5000', 'ca.crt'), 'CA');
    writeFileSync(path.join(dir, '127.0.0.1:5000', 'client.cert'), 'CERT');
    writeFileSync(path.join(dir, '127.0.0.1:5000', 'client.key'), 'KEY');
    const [https] = await createRegistryHosts({ certsDir: dir, insecure: [] })('127.0.0.1:5000');
    assert.equal(https.tls?.rejectUnauthorized, false);
    assert.equal(https.tls?.ca, undefined);
    assert.equal(https.tls?.cert, 'CERT', 'the client certificate still goes with it');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
