import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Cli } from './context';
import { eraseAuth, getAuth, INDEX_SERVER, registryAuthHeader, serverKey, storeAuth } from './credentials';

test('server keys as the docker CLI writes them', () => {
  assert.equal(serverKey('docker.io'), INDEX_SERVER);
  assert.equal(serverKey('https://index.docker.io/v1/'), INDEX_SERVER);
  assert.equal(serverKey('localhost:5000'), 'localhost:5000');
  assert.equal(serverKey('https://reg.example:5000/'), 'reg.example:5000');
});

test('config.json: store keeps other keys, 0600, base64 auth; header; erase', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-cred-'));
  try {
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ psFormat: 'x', auths: { 'other:1': { auth: 'b3RoZXI6cHc=' } } }));
    const cli = new Cli({}, { env: { DOCKER_CONFIG: dir } });
    storeAuth(cli, 'localhost:5000', { username: 'u', password: 'p:w' });
    const file = path.join(dir, 'config.json');
    const cfg = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(cfg.psFormat, 'x');
    assert.equal(cfg.auths['other:1'].auth, 'b3RoZXI6cHc=');
    assert.equal(cfg.auths['localhost:5000'].auth, Buffer.from('u:p:w').toString('base64'));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.deepEqual(getAuth(cli, 'localhost:5000'), { username: 'u', password: 'p:w', identitytoken: undefined });
    const hdr = JSON.parse(Buffer.from(registryAuthHeader(cli, 'localhost:5000'), 'base64url').toString());
    assert.deepEqual(hdr, { username: 'u', password: 'p:w', serveraddress: 'localhost:5000' });
    assert.equal(registryAuthHeader(cli, 'nowhere:1'), 'e30=');
    assert.equal(eraseAuth(cli, 'localhost:5000'), true);
    assert.equal(eraseAuth(cli, 'localhost:5000'), false);
    assert.equal(getAuth(cli, 'localhost:5000'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
