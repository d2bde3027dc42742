import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deleteStopped, processAlive, startCreated } from './direct';

const startTime = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
};

test('processAlive: this process yes, with the wrong start time no, a reaped one no', () => {
  assert.equal(processAlive(process.pid), true);
  assert.equal(processAlive(process.pid, startTime(process.pid)), true);
  assert.equal(processAlive(process.pid, startTime(process.pid) + 1), false);
  const gone = Number(execFileSync('sh', ['-c', 'true & echo $!']).toString().trim());
  assert.equal(processAlive(gone), false);
  assert.equal(processAlive(0), false);
});

test('startCreated reads the byte init writes and removes the fifo, as runc start does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'direct-'));
  try {
    assert.equal(await startCreated(dir, process.pid), false, 'no fifo: not runc layout, the binary decides');
    execFileSync('mkfifo', [join(dir, 'exec.fifo')]);
    // stands in for runc init: opens the write end, writes "0", goes on
    const init = spawn('sh', ['-c', `printf 0 > ${join(dir, 'exec.fifo')}; sleep 5`], { stdio: 'ignore' });
    try {
      assert.equal(await startCreated(dir, init.pid!), true);
      assert.equal(existsSync(join(dir, 'exec.fifo')), false);
    } finally {
      init.kill('SIGKILL');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('startCreated does not hang when init died before opening its end', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'direct-'));
  try {
    execFileSync('mkfifo', [join(dir, 'exec.fifo')]);
    const gone = Number(execFileSync('sh', ['-c', 'true & echo $!']).toString().trim());
    await assert.rejects(startCreated(dir, gone), /container process is already dead/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('deleteStopped removes the cgroups and the state; steps aside when init lives or a cgroup is busy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'direct-'));
  try {
    const state = join(dir, 'state');
    const cg = join(dir, 'cg');
    const cgNotEmpty = join(dir, 'busy');
    mkdirSync(state);
    mkdirSync(cg);
    // Live init: nothing touched.
    writeFileSync(join(state, 'state.json'), JSON.stringify({ init_process_pid: process.pid, init_process_start: startTime(process.pid), cgroup_paths: { cpu: cg } }));
    assert.equal(deleteStopped(state), false);
    assert.ok(existsSync(cg) && existsSync(state));
    // A cgroup that cannot go (here: a directory with something in it, rmdir fails as for EBUSY).
    mkdirSync(join(cgNotEmpty, 'x'), { recursive: true });
    writeFileSync(join(state, 'state.json'), JSON.stringify({ init_process_pid: 0, cgroup_paths: { cpu: cgNotEmpty } }));
    assert.equal(deleteStopped(state), false);
    assert.ok(existsSync(state));
    // The plain case: cpu and cpuacct naming one directory, and one already gone.
    writeFileSync(join(state, 'state.json'), JSON.stringify({ init_process_pid: 0, cgroup_paths: { cpu: cg, cpuacct: cg, memory: join(dir, 'gone') } }));
    assert.equal(deleteStopped(state), true);
    assert.equal(existsSync(cg), false);
    assert.equal(existsSync(state), false);
    assert.equal(deleteStopped(join(dir, 'nothing')), false, 'no state.json: runc decides');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
