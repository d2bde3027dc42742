// A conformance suite every Snapshotter + SnapshotRecords pairing must pass
// (containerd keeps one for its snapshotters too). It mounts for real, so it
// needs root and overlayfs; callers skip it otherwise.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isKind } from '../errdefs';
import { mountAll, unmountAll } from '../sys/mount';
import { createOverlaySnapshotter } from './overlay';
import type { SnapshotRecords } from './records';

export function snapshotterSuite(name: string, makeRecords: (dir: string) => { records: SnapshotRecords; close?: () => void }): void {
  const canMount = process.getuid?.() === 0;

  test(`${name}: prepare, write, commit, overlay on top, whiteout, view, remove`, { skip: !canMount && 'needs root' }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-snap-'));
    const target = path.join(dir, 'mnt');
    mkdirSync(target);
    const { records, close } = makeRecords(dir);
    try {
      const sn = createOverlaySnapshotter({ root: dir, records });
      const m1 = await sn.prepare('extract-1');
      assert.equal(m1[0].type, 'bind');
      const d1 = await sn.diffDir('extract-1');
      writeFileSync(path.join(d1, 'base.txt'), 'base');
      writeFileSync(path.join(d1, 'gone.txt'), 'to be deleted');
      await sn.commit('layer1', 'extract-1');
      assert.equal((await sn.stat('layer1')).kind, 'committed');
      await assert.rejects(sn.stat('extract-1'), (e) => isKind(e, 'NotFound'));
      assert.deepEqual(await sn.usage('layer1'), { size: 4 + 13, inodes: 3 });

      const m2 = await sn.prepare('ctr', 'layer1', { labels: { owner: 'test' } });
      assert.equal(m2[0].type, 'overlay');
      assert.ok(m2[0].options.includes(`lowerdir=${d1}`));
      assert.deepEqual(await sn.mounts('ctr'), m2);
      await mountAll(m2, target);
      try {
        assert.equal(readFileSync(path.join(target, 'base.txt'), 'utf8'), 'base');
        writeFileSync(path.join(target, 'new.txt'), 'new!');
        rmSync(path.join(target, 'gone.txt'));
      } finally {
        await unmountAll(target);
      }
      const upper = await sn.diffDir('ctr');
      assert.equal(readFileSync(path.join(upper, 'new.txt'), 'utf8'), 'new!');
      assert.equal(lstatSync(path.join(upper, 'gone.txt')).isCharacterDevice(), true, 'overlay whiteout in upper');
      assert.equal((await sn.usage('ctr')).size, 4);
      assert.equal((await sn.stat('ctr')).parent, 'layer1');
      assert.deepEqual((await sn.stat('ctr')).labels, { owner: 'test' });

      await sn.commit('layer2', 'ctr');
      const v = await sn.view('v', 'layer2');
      assert.equal(v[0].type, 'overlay');
      assert.ok(v[0].options.includes('ro'));
      await mountAll(v, target);
      try {
        assert.deepEqual(readdirSync(target).sort(), ['base.txt', 'new.txt']);
        assert.throws(() => writeFileSync(path.join(target, 'x'), 'x'), /EROFS|read-only/);
      } finally {
        await unmountAll(target);
      }

      await assert.rejects(sn.prepare('v2', 'ctr-missing'), (e) => isKind(e, 'NotFound'));
      await assert.rejects(sn.prepare('v', 'layer1'), (e) => isKind(e, 'Conflict'));
      await sn.prepare('act', 'layer2');
      await assert.rejects(sn.prepare('x', 'act'), (e) => isKind(e, 'InvalidArgument'), 'parent must be committed');
      await assert.rejects(sn.commit('layer1', 'act'), (e) => isKind(e, 'Conflict'));
      await assert.rejects(sn.mounts('layer1'), (e) => isKind(e, 'InvalidArgument'));
      await assert.rejects(sn.remove('layer1'), (e) => isKind(e, 'Conflict'), 'has children');
      assert.equal((await sn.list()).length, 4);

      for (const k of ['v', 'act', 'layer2', 'layer1']) await sn.remove(k);
      assert.deepEqual(await sn.list(), []);
      assert.deepEqual(readdirSync(path.join(dir, 'snapshots')), []);
    } finally {
      await unmountAll(target).catch(() => {});
      close?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${name}: a layer unpacked before its parent is committed on top of it later`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-snap-'));
    const { records, close } = makeRecords(dir);
    try {
      const sn = createOverlaySnapshotter({ root: dir, records });
      await sn.prepare('upper-early');
      writeFileSync(path.join(await sn.diffDir('upper-early'), 'top.txt'), 'top');
      await sn.prepare('lower');
      writeFileSync(path.join(await sn.diffDir('lower'), 'bottom.txt'), 'bottom');
      // the parent must be committed first
      await assert.rejects(sn.commit('L2', 'upper-early', { parent: 'lower' }), /a parent must be committed/);
      await assert.rejects(sn.commit('L2', 'upper-early', { parent: 'nope' }), (e) => isKind(e, 'NotFound'));
      await sn.commit('L1', 'lower');
      await sn.commit('L2', 'upper-early', { parent: 'L1' });
      assert.equal((await sn.stat('L2')).parent, 'L1');
      await assert.rejects(sn.remove('L1'), (e) => isKind(e, 'Conflict'), 'L1 has a child now');
      const m = await sn.view('look', 'L2');
      assert.ok(m[0].options.some((o) => o.startsWith('lowerdir=') && o.includes(':')), 'both layers are lowerdirs');
      // a snapshot with a parent already keeps it
      await sn.prepare('child', 'L1');
      await assert.rejects(sn.commit('L3', 'child', { parent: 'L2' }), (e) => isKind(e, 'InvalidArgument'));
    } finally {
      close?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`${name}: startup removes directories without records`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-snap-'));
    const { records, close } = makeRecords(dir);
    try {
      const sn = createOverlaySnapshotter({ root: dir, records });
      await sn.prepare('keep');
      mkdirSync(path.join(dir, 'snapshots', '999'));
      mkdirSync(path.join(dir, 'snapshots', 'new-abc'));
      mkdirSync(path.join(dir, 'snapshots', 'rm-3'));
      createOverlaySnapshotter({ root: dir, records });
      const left = readdirSync(path.join(dir, 'snapshots'));
      assert.equal(left.length, 1);
      assert.ok(existsSync(await sn.diffDir('keep')));
    } finally {
      close?.();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
