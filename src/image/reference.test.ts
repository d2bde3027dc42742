import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { familiarMatch, familiarName, familiarString, parseAnyReference, parseNormalizedNamed, refString, tagNameOnly, withTag } from './reference';

const D = 'sha256:' + 'a'.repeat(64);

test('normalises familiar names like docker', () => {
  const cases: [string, string, string][] = [
    ['busybox', 'docker.io/library/busybox', 'busybox'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36', 'busybox:1.36'],
    ['library/busybox', 'docker.io/library/busybox', 'busybox'],
    ['docker.io/library/busybox', 'docker.io/library/busybox', 'busybox'],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox', 'busybox'],
    ['user/app:v1', 'docker.io/user/app:v1', 'user/app:v1'],
    ['localhost/app', 'localhost/app', 'localhost/app'],
    ['localhost:5000/x/y:t', 'localhost:5000/x/y:t', 'localhost:5000/x/y:t'],
    ['quay.io/a/b', 'quay.io/a/b', 'quay.io/a/b'],
    [`busybox@${D}`, `docker.io/library/busybox@${D}`, `busybox@${D}`],
    [`busybox:t@${D}`, `docker.io/library/busybox:t@${D}`, `busybox:t@${D}`],
    ['docker.io/library/a/b', 'docker.io/library/a/b', 'library/a/b'],
    ['[::1]:5000/app', '[::1]:5000/app', '[::1]:5000/app'],
  ];
  for (const [input, full, familiar] of cases) {
    const r = parseNormalizedNamed(input);
    assert.equal(refString(r), full, input);
    assert.equal(familiarString(r), familiar, input);
  }
  assert.equal(familiarName(parseNormalizedNamed('localhost:5000/x:t')), 'localhost:5000/x');
  assert.equal(familiarString(tagNameOnly(parseNormalizedNamed('busybox'))), 'busybox:latest');
  assert.equal(familiarString(tagNameOnly(parseNormalizedNamed(`busybox@${D}`))), `busybox@${D}`);
  assert.equal(refString(withTag(parseNormalizedNamed('a:b'), 'c')), 'docker.io/library/a:c');
});

test("errors carry docker's messages", () => {
  const bad: [string, string][] = [
    ['Busybox', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
    ['user/App', 'invalid reference format: repository name (user/App) must be lowercase'],
    ['busybox:', 'invalid reference format'],
    ['a b', 'invalid reference format'],
    ['-x', 'invalid reference format'],
    ['x:' + 'y'.repeat(129), 'invalid reference format'],
    ['', 'invalid reference format'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    ['busybox@sha256:abc', 'invalid reference format'],
    [`busybox@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    ['a/' + 'b'.repeat(260), 'invalid reference format: repository name must not be more than 255 characters'],
  ];
  for (const [input, msg] of bad) {
    assert.throws(() => parseNormalizedNamed(input), (e: Error) => e.message === msg && (e as { kind?: string }).kind === 'InvalidArgument', input);
  }
  assert.throws(() => withTag(parseNormalizedNamed('a'), 'bad tag'), /invalid tag format/);
});

test('parseAnyReference recognises IDs and digests', () => {
  assert.deepEqual(parseAnyReference('a'.repeat(64)), { kind: 'digest', digest: 'sha256:' + 'a'.repeat(64) });
  assert.deepEqual(parseAnyReference(D), { kind: 'digest', digest: D });
  const r = parseAnyReference('3f57d9401f8d');
  assert.equal(r.kind, 'named');
});

test('familiarMatch follows Go path.Match on the familiar string and name', () => {
  const r = parseNormalizedNamed('busybox:latest');
  assert.ok(familiarMatch('busybox', r));
  assert.ok(familiarMatch('busy*', r));
  assert.ok(familiarMatch('busybox:lat*', r));
  assert.ok(familiarMatch('b?sybox', r));
  assert.ok(familiarMatch('[a-c]usybox', r));
  assert.ok(!familiarMatch('[^b]usybox', r));
  assert.ok(!familiarMatch('box', r));
  const n = parseNormalizedNamed('localhost:5000/x/y:t');
  assert.ok(familiarMatch('localhost:5000/x/*', n));
  assert.ok(!familiarMatch('localhost:5000/*', n), '* does not cross /');
  assert.throws(() => familiarMatch('[', r), /syntax error in pattern/);
});
