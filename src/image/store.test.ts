// The image store against a temp data root: real SQLite, content store and
// overlay snapshotter (layers are extracted as root, as berthd runs).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tar from 'tar-stream';
import { openDatabase } from '../metadata/db';
import { imageMigrations } from '../metadata/images';
import { createSnapshotRecords } from '../metadata/snapshots';
import { createLocalContentStore } from '../content';
import { createOverlaySnapshotter, type Snapshotter } from '../snapshot';
import { sha256Digest } from '../util/digest';
import { isKind } from '../errdefs';
import { createImageStore, type ImageStore } from './index';

const isRoot = process.getuid?.() === 0;

async function makeTar(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = (async () => {
    for await (const c of pack) chunks.push(c as Buffer);
  })();
  for (const [name, body] of Object.entries(files)) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name, mode: 0o644, mtime: new Date(0) }, body, (err) => (err ? reject(err) : resolve())),
    );
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

async function* chunks(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

interface Env {
  store: ImageStore;
  snapshotter: Snapshotter;
  dir: string;
  users: Map<string, { id: string; running: boolean }[]>;
  events: [string, string, Record<string, string>][];
  reopen(): ImageStore;
}

async function withStore(fn: (env: Env) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-images-'));
  const dbs: { close(): void }[] = [];
  let clock = Date.parse('2024-01-01T00:00:00Z');
  const users = new Map<string, { id: string; running: boolean }[]>();
  const events: Env['events'] = [];
  let snapshotter!: Snapshotter;
  const open = (): ImageStore => {
    const db = openDatabase(path.join(dir, 'berth.db'), imageMigrations);
    dbs.push(db);
    snapshotter = createOverlaySnapshotter({ root: dir, records: createSnapshotRecords(db) });
    return createImageStore({
      db,
      content: createLocalContentStore(path.join(dir, 'content')),
      snapshotter,
      imageUsers: (id) => users.get(id) ?? [],
      onEvent: (a, id, attrs) => events.push([a, id, attrs]),
      now: () => new Date((clock += 1000)),
    });
  };
  try {
    const store = open();
    await fn({ store, snapshotter, dir, users, events, reopen: open });
  } finally {
    for (const db of dbs) db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const opts = { skip: !isRoot && 'needs root (chown during extraction)' };

test('import → list, inspect, history, resolve', opts, () =>
  withStore(async ({ store, events }) => {
    const layer = await makeTar({ 'bin/hello': 'hello world', 'etc/os-release': 'ID=test\n' });
    const id = await store.import(chunks(layer), { repo: 'busybox', changes: ['CMD ["sh"]', 'ENV A=1', 'LABEL k=v'] });
    assert.match(id, /^sha256:[a-f0-9]{64}$/);

    const list = await store.list();
    assert.equal(list.length, 1);
    assert.deepEqual(list[0].RepoTags, ['busybox:latest']);
    assert.deepEqual(list[0].RepoDigests, []);
    assert.equal(list[0].Size, 11 + 8);
    assert.deepEqual(list[0].Labels, { k: 'v' });

    const ins = await store.inspect('busybox');
    assert.equal(ins.Id, id);
    assert.deepEqual(ins.RootFS, { Type: 'layers', Layers: [sha256Digest(layer)] });
    assert.deepEqual(ins.Config.Cmd, ['sh']);
    assert.deepEqual(ins.Config.Env, ['A=1']);
    assert.equal(ins.Comment, 'Imported from -');
    assert.equal(ins.Os, 'linux');
    assert.equal(ins.Architecture, process.arch === 'x64' ? 'amd64' : ins.Architecture);
    assert.equal(ins.GraphDriver.Name, 'overlay2');
    const upper = ins.GraphDriver.Data?.UpperDir as string;
    assert.equal(readFileSync(path.join(upper, 'bin/hello'), 'utf8'), 'hello world');
    assert.notEqual(ins.Metadata.LastTagTime, '0001-01-01T00:00:00Z');

    const hist = await store.history('busybox:latest');
    assert.equal(hist.length, 1);
    assert.equal(hist[0].Id, id);
    assert.deepEqual(hist[0].Tags, ['busybox:latest']);
    assert.equal(hist[0].Comment, 'Imported from -');
    assert.equal(hist[0].CreatedBy, '');
    assert.equal(hist[0].Size, 19);

    assert.equal(store.resolve('busybox'), id);
    assert.equal(store.resolve('docker.io/library/busybox:latest'), id);
    assert.equal(store.resolve(id), id);
    assert.equal(store.resolve(id.slice(7, 19)), id);
    assert.equal(store.resolve(id.slice(0, 12)), id);
    assert.equal(store.resolve(id.slice(7)), id);
    assert.equal(store.topChainID(id), sha256Digest(layer));
    assert.deepEqual(store.getConfig(id).config?.Cmd, ['sh']);
    assert.equal(store.count(), 1);
    assert.deepEqual(store.tags(id), ['busybox:latest']);
    assert.throws(() => store.resolve('nosuch'), (e: Error) => isKind(e, 'NotFound') && e.message === 'No such image: nosuch:latest');
    assert.throws(() => store.resolve('Busybox'), (e: Error) => isKind(e, 'InvalidArgument') && /must be lowercase/.test(e.message));
    await assert.rejects(store.inspect('nosuch:1'), /No such image: nosuch:1/);

    assert.deepEqual(
      events.map(([a, , attrs]) => [a, attrs.name]),
      [['tag', 'busybox:latest'], ['import', id]],
    );
    assert.equal(events[0][2].k, 'v', 'labels ride along in event attributes');
  }));

test('import validates the name and changes before reading the body', opts, () =>
  withStore(async ({ store, dir }) => {
    const body = (async function* () {
      throw new Error('body must not be read');
    })();
    await assert.rejects(store.import(body, { repo: 'Bad' }), /must be lowercase/);
    await assert.rejects(store.import(body, { repo: 'x', changes: ['RUN x'] }), /run is not a valid change command/);
    await assert.rejects(store.import(body, { repo: `x@sha256:${'a'.repeat(64)}` }), /cannot import digest reference/);
    await assert.rejects(store.import(chunks(Buffer.from('not a tar at all, just text that is long enough....'.repeat(20))), { repo: 'x' }));
    assert.equal(store.count(), 0);
    assert.deepEqual(readdirOrEmpty(path.join(dir, 'content/blobs/sha256')), [], 'a failed import leaves no blob');
  }));

test('tag, untag, and remove with docker semantics', opts, () =>
  withStore(async ({ store, users, dir }) => {
    const layer = await makeTar({ f: 'data' });
    const id = await store.import(chunks(layer), { repo: 'busybox', tag: 'latest' });
    const short = id.slice(7, 19);
    await store.tag('busybox', 'mybox', '1');
    await store.tag(short, 'localhost:5000/x/y');
    assert.deepEqual((await store.inspect(id)).RepoTags, ['busybox:latest', 'localhost:5000/x/y:latest', 'mybox:1']);
    await assert.rejects(store.tag('busybox', 'sha256'), /ambiguous tag/);
    await assert.rejects(store.tag('nosuch', 'x'), (e) => isKind(e, 'NotFound'));

    // several tags: removing one only untags
    assert.deepEqual(await store.remove('mybox:1'), [{ Untagged: 'mybox:1' }]);
    // by ID with references in several repositories: must force
    await assert.rejects(store.remove(short), (e: Error) => isKind(e, 'Conflict') && e.message === `conflict: unable to delete ${short} (must be forced) - image is referenced in multiple repositories`);
    await store.remove('localhost:5000/x/y');

    // used by a container
    const cid = '0123abcd4567' + 'f'.repeat(52);
    users.set(id, [{ id: cid, running: false }]);
    await assert.rejects(store.remove('busybox'), (e: Error) => isKind(e, 'Conflict') && e.message === `conflict: unable to remove repository reference "busybox" (must force) - container 0123abcd4567 is using its referenced image ${short}`);
    await assert.rejects(store.remove(short), (e: Error) => e.message === `conflict: unable to delete ${short} (must be forced) - image is being used by stopped container 0123abcd4567`);
    users.set(id, [{ id: cid, running: true }]);
    await assert.rejects(store.remove(short, { force: true }), (e: Error) => e.message === `conflict: unable to delete ${short} (cannot be forced) - image is being used by running container 0123abcd4567`);
    users.delete(id);

    await assert.rejects(store.remove('nosuch'), (e: Error) => isKind(e, 'NotFound') && e.message === 'No such image: nosuch:latest');
    const out = await store.remove('busybox');
    assert.deepEqual(out, [{ Untagged: 'busybox:latest' }, { Deleted: id }, { Deleted: sha256Digest(layer) }]);
    assert.equal(store.count(), 0);
    assert.deepEqual(readdirOrEmpty(path.join(dir, 'content/blobs/sha256')), [], 'config, manifest and layer blobs gone');
    assert.deepEqual(readdirOrEmpty(path.join(dir, 'snapshots')), [], 'layer snapshot gone');
  }));

test('layers are shared and go with the last image; a container snapshot keeps them', opts, () =>
  withStore(async ({ store, users, snapshotter }) => {
    const layer = await makeTar({ shared: 'x' });
    const a = await store.import(chunks(layer), { repo: 'a' });
    const b = await store.import(chunks(layer), { repo: 'b', message: 'second' });
    assert.notEqual(a, b);
    assert.equal(store.topChainID(a), store.topChainID(b));
    assert.equal((await store.history('b'))[0].Comment, 'second');
    const chain = store.topChainID(a) as string;
    assert.deepEqual(await store.remove('a'), [{ Untagged: 'a:latest' }, { Deleted: a }]);

    assert.ok(existsSync(path.join((await store.inspect('b')).GraphDriver.Data?.UpperDir as string, 'shared')));

    // a container on b, image force-removed: the layer stays until the container goes
    await snapshotter.prepare('ctr', chain);
    users.set(b, [{ id: 'c'.repeat(64), running: false }]);
    const out = await store.remove(b.slice(7), { force: true });
    assert.deepEqual(out, [{ Untagged: 'b:latest' }, { Deleted: b }]);
    assert.deepEqual(await store.gc(), []);
    await snapshotter.remove('ctr');
    assert.deepEqual(await store.gc(), [chain]);
    assert.deepEqual(await snapshotter.list(), []);
  }));

test('list filters and prune', opts, () =>
  withStore(async ({ store }) => {
    const first = await store.import(chunks(await makeTar({ one: '1' })), { repo: 'busybox', changes: ['LABEL tier=base'] });
    const dangling = await store.import(chunks(await makeTar({ two: '22' })));
    const last = await store.import(chunks(await makeTar({ three: '333' })), { repo: 'localhost:5000/app', tag: 'v1' });

    const ids = async (filters: Record<string, string[]>, all = false): Promise<string[]> =>
      (await store.list({ all, filters: new Map(Object.entries(filters)) })).map((s) => s.Id);
    assert.deepEqual(await ids({}), [last, dangling, first], 'newest first');
    assert.deepEqual(await ids({ dangling: ['true'] }), [dangling]);
    assert.deepEqual(await ids({ dangling: ['false'] }), [last, first]);
    assert.deepEqual(await ids({ reference: ['busy*'] }), [first]);
    assert.deepEqual(await ids({ reference: ['localhost:5000/*'] }), [last]);
    assert.deepEqual(await ids({ label: ['tier=base'] }), [first]);
    assert.deepEqual(await ids({ label: ['tier'] }), [first]);
    assert.deepEqual(await ids({ label: ['tier=other'] }), []);
    assert.deepEqual(await ids({ before: ['localhost:5000/app:v1'] }), [dangling, first]);
    assert.deepEqual(await ids({ since: ['busybox'] }), [last, dangling]);
    await assert.rejects(store.list({ filters: new Map([['nope', ['x']]]) }), /invalid filter 'nope'/);
    await assert.rejects(store.list({ filters: new Map([['dangling', ['maybe']]]) }), /invalid filter 'dangling=maybe'/);
    const summary = (await store.list()).find((s) => s.Id === dangling);
    assert.deepEqual(summary?.RepoTags, []);

    const report = await store.prune();
    assert.deepEqual(report.ImagesDeleted?.filter((d) => 'Deleted' in d).map((d) => (d as { Deleted: string }).Deleted)[0], dangling);
    assert.equal(report.SpaceReclaimed, 2);
    assert.deepEqual(await store.prune(), { ImagesDeleted: null, SpaceReclaimed: 0 });
    const all = await store.prune({ all: true, filters: new Map([['label!', ['tier']]]) });
    assert.equal(all.SpaceReclaimed, 3);
    assert.deepEqual(await ids({}), [first]);
    assert.equal((await store.prune({ all: true })).SpaceReclaimed, 1);
    assert.equal(store.count(), 0);
  }));

test('repair clears leftovers of an interrupted import', opts, () =>
  withStore(async ({ store, dir, reopen }) => {
    const id = await store.import(chunks(await makeTar({ keep: 'k' })), { repo: 'keep' });
    // simulate a crash: an extraction snapshot, an orphan committed layer and an orphan blob
    const db = openDatabase(path.join(dir, 'berth.db'), imageMigrations);
    try {
      const sn = createOverlaySnapshotter({ root: dir, records: createSnapshotRecords(db) });
      await sn.prepare('extract-deadbeef');
      await sn.prepare('extract-orphan');
      await sn.commit('sha256:' + '9'.repeat(64), 'extract-orphan');
      const cs = createLocalContentStore(path.join(dir, 'content'));
      const orphan = await cs.put('orphan blob');
      const fresh = reopen();
      await fresh.repair();
      assert.deepEqual((await sn.list()).map((s) => s.name), [store.topChainID(id)]);
      assert.equal(await cs.exists(orphan.digest), false);
      assert.equal(fresh.resolve('keep'), id);
      assert.ok(existsSync(path.join((await fresh.inspect('keep')).GraphDriver.Data?.UpperDir as string, 'keep')));
    } finally {
      db.close();
    }
  }));

function readdirOrEmpty(p: string): string[] {
  try {
    return readdirSync(p);
  } catch {
    return [];
  }
}
