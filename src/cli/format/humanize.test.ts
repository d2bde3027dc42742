import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytesSize, humanDuration, humanSize, parseBytes, timeAgo, truncateID } from './humanize.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

test('humanDuration uses go-units thresholds', () => {
  const cases: [number, string][] = [
    [-5 * S, 'Less than a second'],
    [0, 'Less than a second'],
    [999, 'Less than a second'],
    [1 * S, '1 second'],
    [1999, '1 second'],
    [2 * S, '2 seconds'],
    [59 * S + 999, '59 seconds'],
    [60 * S, 'About a minute'],
    [119 * S, 'About a minute'],
    [2 * M, '2 minutes'],
    [59 * M + 59 * S, '59 minutes'],
    [60 * M, 'About an hour'],
    [1.49 * H, 'About an hour'],
    [1.5 * H, '2 hours'], // hours are rounded
    [47.49 * H, '47 hours'],
    [47.5 * H, '2 days'],
    [335 * H, '13 days'],
    [336 * H, '2 weeks'],
    [1439 * H, '8 weeks'],
    [1440 * H, '2 months'],
    [17519 * H, '24 months'],
    [17520 * H, '2 years'],
    [10 * 365 * 24 * H, '10 years'],
  ];
  for (const [ms, want] of cases) assert.equal(humanDuration(ms), want, `humanDuration(${ms})`);
});

test('timeAgo', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);
  assert.equal(timeAgo(now - 2 * M, now), '2 minutes ago');
  assert.equal(timeAgo(now, now), 'Less than a second ago');
  assert.equal(timeAgo(now - 3 * 24 * H, now), '3 days ago');
});

test('humanSize: decimal units, 3 significant digits', () => {
  assert.equal(humanSize(1230000), '1.23MB');
  assert.equal(humanSize(4260), '4.26kB');
  assert.equal(humanSize(0), '0B');
  assert.equal(humanSize(999), '999B');
  assert.equal(humanSize(1000), '1kB');
  assert.equal(humanSize(1125), '1.12kB'); // Go rounds the half to even
  assert.equal(humanSize(999500), '1e+03kB'); // docker really prints this
  assert.equal(humanSize(7.2e9), '7.2GB');
  assert.equal(humanSize(1234567, 4), '1.235MB');
});

test('bytesSize: binary units, 4 significant digits', () => {
  assert.equal(bytesSize(0), '0B');
  assert.equal(bytesSize(1024), '1KiB');
  assert.equal(bytesSize(1536), '1.5KiB');
  assert.equal(bytesSize(512 * 1024 * 1024), '512MiB');
  assert.equal(bytesSize(1.25 * 1024 ** 3), '1.25GiB');
});

test('parseBytes is RAMInBytes', () => {
  assert.equal(parseBytes('100'), 100);
  assert.equal(parseBytes('512k'), 512 * 1024);
  assert.equal(parseBytes('5m'), 5 * 1024 ** 2);
  assert.equal(parseBytes('5M'), 5 * 1024 ** 2);
  assert.equal(parseBytes('1g'), 1024 ** 3);
  assert.equal(parseBytes('1.5g'), 1.5 * 1024 ** 3);
  assert.equal(parseBytes('2 GiB'), 2 * 1024 ** 3);
  assert.equal(parseBytes('10MB'), 10 * 1024 ** 2);
  assert.equal(parseBytes('32b'), 32);
  assert.equal(parseBytes('1.9'), 1);
  assert.throws(() => parseBytes('5x'), { message: "invalid suffix: 'x'" });
  assert.throws(() => parseBytes('5kbb'), { message: "invalid suffix: 'kbb'" });
  assert.throws(() => parseBytes('5mi'), { message: "invalid suffix: 'mi'" });
  assert.throws(() => parseBytes('abc'), { message: "invalid size: 'abc'" });
  assert.throws(() => parseBytes(''), { message: "invalid size: ''" });
  assert.throws(() => parseBytes('-5'), { message: "invalid size: '-5'" });
  assert.throws(() => parseBytes('1.2.3'), { message: 'strconv.ParseFloat: parsing "1.2.3": invalid syntax' });
});

test('truncateID', () => {
  assert.equal(truncateID('sha256:0123456789abcdef0123'), '0123456789ab');
  assert.equal(truncateID('0123456789abcdef0123'), '0123456789ab');
  assert.equal(truncateID('short'), 'short');
});
