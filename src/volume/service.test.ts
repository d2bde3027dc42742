import assert from 'node:assert/strict';
import { test } from 'node:test';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../events/bus';
import { VolumeService } from './service';
import type { VolumeRecord, VolumeRecords } from './types';

class MemRecords implements VolumeRecords {
  m = new Map<string, VolumeRecord>();
  get = (n: string) => this.m.get(n);
  all = () => [...this.m.values()];
  insert(r: VolumeRecord) {
    if (this.m.has(r.name)) throw new Error('UNIQUE constraint failed');
    this.m.set(r.name, r);
  }
  delete = (n: string) => void this.m.delete(n);
}

function setup(users: Record<string, string[]> = {}) {
  const root = mkdtempSync(join(tmpdir(), 'berth-vol-'));
  const calls: string[][] = [];
  const mounted = new Set<string>();
  const mounter = {
    mount: async (args: string[]) => {
      calls.push(args);
      mounted.add(args[args.length - 1]);
    },
    unmount: async (t: string) => {
      if (mounted.delete(t)) calls.push(['umount', t]);
    },
    isMountPoint: async (t: string) => mounted.has(t),
  };
  const svc = new VolumeService({ records: new MemRecords(), root, users: (n) => users[n] ?? [], events: new EventBus(), mounter });
  return { root, svc, calls, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('local driver options: validated, mounted once over _data on activate, unmounted on remove', async () => {
  const { svc, calls, done } = setup();
  try {
    await svc.create({ Name: 'tmp', DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' } });
    await svc.activate('tmp');
    await svc.activate('tmp');
    assert.deepEqual(calls, [['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', svc.dataPath('tmp')]]);
    await svc.create({ Name: 'bindvol', DriverOpts: { type: 'none', o: 'bind', device: '/srv' } });
    await svc.activate('bindvol');
    assert.deepEqual(calls[1], ['-o', 'bind', '/srv', svc.dataPath('bindvol')]);
    await svc.remove('tmp');
    assert.deepEqual(calls[2], ['umount', svc.dataPath('tmp')]);
    await svc.create({ Name: 'plain' });
    await svc.activate('plain');
    assert.equal(calls.length, 3);
    await assert.rejects(svc.create({ Name: 'bad', DriverOpts: { size: '1g' } }), /create bad: invalid option key: "size"/);
    await assert.rejects(svc.create({ Name: 'bad', DriverOpts: { type: 'tmpfs' } }), /missing required option: "device"/);
  } finally {
    done();
  }
});

test('create, inspect, idempotent create, remove', async () => {
  const { root, svc, done } = setup();
  try {
    const v = await svc.create({ Name: 'data', Labels: { a: 'b' } });
    assert.equal(v.Mountpoint, join(root, 'data', '_data'));
    assert.ok(existsSync(v.Mountpoint));
    assert.deepEqual((await svc.create({ Name: 'data' })).Labels, { a: 'b' });
    const anon = await svc.create({});
    assert.match(anon.Name, /^[0-9a-f]{64}$/);
    assert.ok('com.docker.volume.anonymous' in anon.Labels);
    await svc.remove('data');
    assert.ok(!existsSync(join(root, 'data')));
    await assert.rejects(svc.remove('data'), /get data: no such volume/);
    await svc.remove('data', { force: true });
    await assert.rejects(svc.create({ Name: 'x' }), /too short/);
    await assert.rejects(svc.create({ Name: 'a/b' }), /includes invalid characters/);
    await assert.rejects(svc.create({ Name: 'ok', Driver: 'nfs' }), /plugin "nfs" not found/);
  } finally {
    done();
  }
});

test('in use: remove refused; list filters; prune spares named ones by default', async () => {
  const { root, svc, done } = setup({ busy: ['c1'] });
  try {
    await svc.create({ Name: 'busy' });
    await svc.create({ Name: 'idle', Labels: { team: 'x' } });
    const anon = await svc.create({});
    writeFileSync(join(svc.dataPath(anon.Name), 'f'), 'hello');
    await assert.rejects(svc.remove('busy'), /remove busy: volume is in use - \[c1\]/);
    const names = (f: [string, string[]][]) => svc.list(new Map(f)).map((v) => v.Name).sort();
    assert.deepEqual(names([['dangling', ['false']]]), ['busy']);
    assert.deepEqual(names([['name', ['dl']]]), ['idle']);
    assert.deepEqual(names([['label', ['team=x']]]), ['idle']);
    assert.throws(() => svc.list(new Map([['bogus', ['1']]])), /invalid filter 'bogus'/);
    const r = await svc.prune(new Map(), true);
    assert.deepEqual(r, { VolumesDeleted: [anon.Name], SpaceReclaimed: 5 });
    const r2 = await svc.prune(new Map([['all', ['true']]]), true);
    assert.deepEqual(r2.VolumesDeleted, ['idle']);
    // a crash mid-removal leaves trash; repair sweeps it
    writeFileSync(join(root, '.trash-x'), '');
    await svc.repair();
    assert.deepEqual(readdirSync(root), ['busy']);
  } finally {
    done();
  }
});
