import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logAttributes, logPolicy, parseLogSize, validateLogConfig } from './logopts';

test('sizes as go-units reads them', () => {
  assert.equal(parseLogSize('100'), 100);
  assert.equal(parseLogSize('10k'), 10240);
  assert.equal(parseLogSize('1m'), 1048576);
  assert.equal(parseLogSize('1.5MB'), 1572864);
  assert.equal(parseLogSize('2g'), 2 * 1024 ** 3);
  assert.throws(() => parseLogSize('ten'), /invalid size: 'ten'/);
});

test('policies: json-file never rotates unless asked, local does', () => {
  assert.deepEqual(logPolicy('json-file', {}), { maxSize: null, maxFiles: 1 });
  assert.deepEqual(logPolicy('json-file', { 'max-size': '1k', 'max-file': '3' }), { maxSize: 1024, maxFiles: 3 });
  assert.deepEqual(logPolicy('local', {}), { maxSize: 20 * 1024 * 1024, maxFiles: 5 });
  // dockerd accepts max-file alone: without a size nothing rotates
  assert.deepEqual(logPolicy('json-file', { 'max-file': '3' }), { maxSize: null, maxFiles: 3 });
  assert.throws(() => logPolicy('json-file', { 'max-size': '1k', 'max-file': 'x' }), /invalid value for max-file/);
  assert.throws(() => logPolicy('json-file', { 'max-size': '1k', 'max-file': '0' }), /max-file cannot be less than 1/);
});

test('unknown options are refused per driver', () => {
  assert.throws(() => validateLogConfig('json-file', { 'max-sise': '1m' }), /unknown log opt 'max-sise' for json-file log driver/);
  assert.throws(() => validateLogConfig('local', { labels: 'a' }), /unknown log opt 'labels' for local log driver/);
  validateLogConfig('json-file', { 'max-size': '1m', labels: 'a', env: 'B' });
});

test('details attributes: named labels and env, sorted, escaped', () => {
  const a = logAttributes({ labels: 'app,missing', env: 'MODE', 'env-regex': '^X_' }, { app: 'web shop', other: 'x' }, ['MODE=prod', 'X_A=1', 'PATH=/bin']);
  assert.equal(a, 'MODE=prod,X_A=1,app=web+shop');
  assert.equal(logAttributes({}, {}, []), '');
});
