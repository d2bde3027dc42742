import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { digestStream, sha256Digest, shortId, validateDigest } from './digest';

test('sha256 digests', async () => {
  const d = sha256Digest('');
  assert.equal(d, 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.deepEqual(await digestStream(Readable.from([Buffer.from('')])), { digest: d, size: 0 });
  assert.equal(shortId(d), 'e3b0c44298fc');
  assert.throws(() => validateDigest('sha512:abc'), /invalid digest/);
});
