// A registry (behind a proxy) that serves manifests whose bytes do not match
// their digest: pulls by tag and by digest are refused, nothing is stored,
// and the same image pulls fine once the registry behaves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';
import { makeLayer, pushRaw, startFaultyProxy, startRegistry, type RegistryServer } from './registry-server';

let d: Daemon;
let reg: RegistryServer;
let work: string;
before(async () => {
  work = mkdtempSync(join(tmpdir(), 'berth-hostile-reg-'));
  reg = await startRegistry();
  d = await startTestDaemon({ extraArgs: ['--max-download-attempts', '1'] });
});
after(async () => {
  await d?.stop();
  await reg?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('manifests whose digest does not match are refused, by tag and by digest, for berth and docker', async () => {
  const layer = makeLayer(work, { 'etc/hello': 'hello\n' });
  const pushed = await pushRaw(reg.host, 'hostile/m', '1', { layers: [layer.gz], diffIds: [layer.diffId], cmd: ['true'] });
  const proxy = await startFaultyProxy(reg.host, 'sha256:none', 'manifest');
  try {
    const P = proxy.host;
    const blobs = () => readdirSync(join(d.dataRoot, 'root', 'content', 'blobs', 'sha256')).length;
    const before = blobs();
    for (const cli of ['berth', 'docker'] as const) {
      const run = (a: string[]) => (cli === 'berth' ? d.berth(a) : d.docker(a));
      const byTag = run(['pull', `${P}/hostile/m:1`]);
      assert.notEqual(byTag.code, 0, byTag.stdout);
      assert.match(byTag.stderr, /manifest verification failed: the registry said sha256:[0-9a-f]{64}, the content is sha256:/);
      const byDigest = run(['pull', `${P}/hostile/m@${pushed.digest}`]);
      assert.notEqual(byDigest.code, 0, byDigest.stdout);
      assert.match(byDigest.stderr, new RegExp(`manifest verification failed for digest ${pushed.digest}`));
    }
    assert.equal(blobs(), before, 'nothing stored');
    assert.equal(d.berth(['image', 'inspect', `${P}/hostile/m:1`]).code, 1, 'no image');
    await proxy.setMode('pass');
    const ok = d.berth(['pull', `${P}/hostile/m@${pushed.digest}`]);
    assert.equal(ok.code, 0, ok.stderr);
  } finally {
    await proxy.stop();
  }
});
