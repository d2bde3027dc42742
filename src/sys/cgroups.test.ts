import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cgroupReader, flatKeyed } from './cgroups';

test('flat keyed files', () => {
  const m = flatKeyed('oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
  assert.equal(m.get('oom_kill'), 2);
  assert.equal(m.get('under_oom'), 0);
});

test('oom kills from v1 memory.oom_control and v2 memory.events', () => {
  const root = mkdtempSync(join(tmpdir(), 'cg-'));
  try {
    mkdirSync(join(root, 'memory', 'berth', 'c1'), { recursive: true });
    writeFileSync(join(root, 'memory', 'berth', 'c1', 'memory.oom_control'), 'oom_kill_disable 0\nunder_oom 0\noom_kill 1\n');
    assert.equal(cgroupReader(1, root).oomKills('/berth/c1'), 1);
    assert.equal(cgroupReader(1, root).oomKills('/berth/none'), null);
    mkdirSync(join(root, 'berth', 'c2'), { recursive: true });
    writeFileSync(join(root, 'berth', 'c2', 'memory.events'), 'low 0\nhigh 0\nmax 3\noom 1\noom_kill 0\n');
    assert.equal(cgroupReader(2, root).oomKills('/berth/c2'), 0);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
