import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTls } from './context';

test('TLS settings as the docker CLI makes them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-tlsctx-'));
  try {
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), f);
    assert.equal(resolveTls({}, {}), undefined);
    const env = resolveTls({}, { BERTH_TLS_VERIFY: '1', BERTH_CERT_PATH: dir })!;
    assert.equal(env.verify, true);
    assert.equal(env.ca?.toString(), 'ca.pem');
    assert.equal(env.cert?.toString(), 'cert.pem');
    const docker = resolveTls({}, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir })!;
    assert.equal(docker.key?.toString(), 'key.pem');
    // --tls alone: encrypted, the daemon not checked
    assert.equal(resolveTls({ tls: true }, { DOCKER_CERT_PATH: dir })!.verify, false);
    // default files that are missing are left out; named ones must exist
    const empty = mkdtempSync(join(tmpdir(), 'berth-tlsctx-empty-'));
    assert.deepEqual(resolveTls({ tlsverify: true }, { BERTH_CERT_PATH: empty }), { verify: true, ca: undefined, cert: undefined, key: undefined });
    // NODE_EXTRA_CA_CERTS, handed over by bin/berth as BERTH_EXTRA_CA_CERTS: the system's roots plus that file
    writeFileSync(join(empty, 'extra.pem'), 'extra');
    const extra = resolveTls({ tlsverify: true }, { BERTH_CERT_PATH: empty, BERTH_EXTRA_CA_CERTS: join(empty, 'extra.pem') })!;
    assert.ok(Array.isArray(extra.ca) && extra.ca.length > 1);
    assert.equal(String((extra.ca as unknown[]).at(-1)), 'extra');
    // a CA file of berth's own wins
    assert.equal(resolveTls({ tlsverify: true }, { BERTH_CERT_PATH: dir, BERTH_EXTRA_CA_CERTS: join(empty, 'extra.pem') })!.ca?.toString(), 'ca.pem');
    rmSync(empty, { recursive: true });
    assert.throws(() => resolveTls({ tlsverify: true, tlscert: join(dir, 'nope.pem') }, { BERTH_CERT_PATH: dir }), /Could not load X509 key pair: open .*nope\.pem: no such file or directory/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
