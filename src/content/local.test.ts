import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLocalContentStore } from './local';
import { sha256Digest } from '../util/digest';
import { isKind } from '../errdefs';

function withStore(fn: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'berth-content-'));
  return fn(root).finally(() => rmSync(root, { recursive: true, force: true }));
}

test('ingest, read, info, list, delete', () =>
  withStore(async (root) => {
    const cs = createLocalContentStore(root);
    const data = Buffer.from('hello blob');
    const dgst = sha256Digest(data);
    assert.equal(await cs.exists(dgst), false);
    await assert.rejects(cs.info(dgst), (e) => isKind(e, 'NotFound'));
    const info = await cs.ingest((async function* () { yield data.subarray(0, 3); yield data.subarray(3); })(), { digest: dgst, size: data.length });
    assert.deepEqual(info, { digest: dgst, size: data.length });
    assert.equal(await cs.exists(dgst), true);
    assert.deepEqual(await cs.read(dgst), data);
    const chunks: Buffer[] = [];
    for await (const c of await cs.readStream(dgst)) chunks.push(c);
    assert.deepEqual(Buffer.concat(chunks), data);
    assert.deepEqual(await cs.list(), [dgst]);
    assert.deepEqual(await cs.put(data), info, 'put of existing content is a no-op');
    await cs.delete(dgst);
    await cs.delete(dgst);
    assert.equal(await cs.exists(dgst), false);
    await assert.rejects(cs.readStream(dgst), (e) => isKind(e, 'NotFound'));
  }));

test('a digest or size mismatch leaves nothing visible', () =>
  withStore(async (root) => {
    const cs = createLocalContentStore(root);
    const wrong = sha256Digest('something else');
    await assert.rejects(cs.put('actual content', { digest: wrong }), (e) => isKind(e, 'InvalidArgument') && /digest mismatch/.test((e as Error).message));
    await assert.rejects(cs.put('actual content', { size: 3 }), /size mismatch/);
    await assert.rejects(cs.put('actual content', { size: 300 }), /size mismatch/);
    assert.deepEqual(await cs.list(), []);
    assert.equal(await cs.exists(wrong), false);
    assert.equal(await cs.exists(sha256Digest('actual content')), false);
    assert.deepEqual(readdirSync(path.join(root, 'ingest')), []);
  }));

test('a failing source stream leaves nothing visible', () =>
  withStore(async (root) => {
    const cs = createLocalContentStore(root);
    const src = (async function* () {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    })();
    await assert.rejects(cs.ingest(src), /connection reset/);
    assert.deepEqual(await cs.list(), []);
    assert.deepEqual(readdirSync(path.join(root, 'ingest')), []);
  }));

test('invalid digests are refused', () =>
  withStore(async (root) => {
    const cs = createLocalContentStore(root);
    await assert.rejects(cs.exists('md5:abc'), (e) => isKind(e, 'InvalidArgument'));
    await assert.rejects(cs.put('x', { digest: 'sha256:../../etc' }), (e) => isKind(e, 'InvalidArgument'));
  }));
