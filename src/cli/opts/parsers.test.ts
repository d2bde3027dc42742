import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addFilter, filtersToJSON, parseFilters } from './filters';
import { parseGoDuration, parseGoInt, parseNanoCpus } from './goparse';
import { parseKeyValueFile } from './kv';
import { familiarName, familiarString, fullName, parseNormalizedNamed, tagNameOnly } from './reference';
import { getTimestamp } from './timestamps';

test('filters: key=value, repeatable, keys lower-cased, bad format rejected', () => {
  const f = parseFilters(['status=running', 'label=a=b', 'LABEL=c', 'status=running']);
  assert.deepEqual(filtersToJSON(f), { label: { 'a=b': true, c: true }, status: { running: true } });
  assert.throws(() => addFilter(new Map(), 'dangling'), /bad format of filter \(expected name=value\)/);
  assert.equal(parseFilters(['']).size, 0);
});

test('Go ints, durations and rationals', () => {
  assert.equal(parseGoInt('0x10'), 16);
  assert.equal(parseGoInt('-5'), -5);
  assert.equal(parseGoInt('1_000'), 1000);
  assert.throws(() => parseGoInt('1.5'), /strconv.ParseInt: parsing "1.5": invalid syntax/);
  assert.throws(() => parseGoInt('99999999999999999999'), /value out of range/);
  assert.equal(parseGoDuration('1h30m'), 5_400_000);
  assert.equal(parseGoDuration('1.5s'), 1500);
  assert.equal(parseGoDuration('300ms'), 300);
  assert.throws(() => parseGoDuration('5'), /time: missing unit|invalid duration/);
  assert.throws(() => parseGoDuration('x'), /time: invalid duration "x"/);
  assert.equal(parseNanoCpus('2'), 2e9);
  assert.equal(parseNanoCpus('3/2'), 1.5e9);
  assert.equal(parseNanoCpus('.5'), 5e8);
  assert.equal(parseNanoCpus('1e-3'), 1e6);
});

test('env files: comments, blank lines, bare names, whitespace rules', () => {
  const lookup = (n: string): string | undefined => (n === 'HOME' ? '/root' : undefined);
  assert.deepEqual(parseKeyValueFile('\uFEFFA=1\n# c\n\n   B= spaced \nHOME\nNOPE\n', lookup), ['A=1', 'B= spaced ', 'HOME=/root']);
  assert.deepEqual(parseKeyValueFile('lonely\nx=1\n'), ['x=1']);
  assert.throws(() => parseKeyValueFile('BAD KEY=1\n'), /variable 'BAD KEY' contains whitespaces/);
  assert.throws(() => parseKeyValueFile('=1\n'), /no variable name on line '=1'/);
});

test('image references: normalize and print back', () => {
  const r = parseNormalizedNamed('busybox');
  assert.equal(fullName(r), 'docker.io/library/busybox');
  assert.equal(familiarString(tagNameOnly(r)), 'busybox:latest');
  assert.equal(familiarName(parseNormalizedNamed('me/app:1')), 'me/app');
  assert.equal(familiarString(parseNormalizedNamed('localhost:5000/app:dev')), 'localhost:5000/app:dev');
  assert.equal(familiarString(parseNormalizedNamed('docker.io/library/busybox:1.36')), 'busybox:1.36');
  assert.throws(() => parseNormalizedNamed('Busybox'), /repository name \(library\/Busybox\) must be lowercase/);
  assert.throws(() => parseNormalizedNamed('a:b:c'), /invalid reference format/);
  assert.throws(() => parseNormalizedNamed('a'.repeat(64).replace(/a/g, 'f')), /cannot specify 64-byte hexadecimal strings/);
});

test('since/until timestamps', () => {
  const now = Date.UTC(2024, 0, 2, 0, 0, 0);
  assert.equal(getTimestamp('10m', now), String(now / 1000 - 600));
  assert.equal(getTimestamp('2024-01-02T00:00:00Z', now), '1704153600.000000000');
  assert.equal(getTimestamp('2024-01-02T00:00:00.5+01:00', now), '1704150000.500000000');
  assert.equal(getTimestamp('1704153600', now), '1704153600');
  assert.equal(getTimestamp('1704153600.123', now), '1704153600.123');
  assert.throws(() => getTimestamp('yesterday', now), /failed to parse value as time or duration: "yesterday"/);
});
