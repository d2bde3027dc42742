import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { foreignReason, listenerHosts } from './guard';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const policy = { hosts: listenerHosts('127.0.0.1', 8080), scheme: 'http' as const };

test('guard: our own page passes, other origins, sites and hosts do not', () => {
  assert.equal(foreignReason(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' }), policy, false), '');
  assert.equal(foreignReason(req({ host: 'localhost:8080' }), policy, false), '');
  assert.match(foreignReason(req({ host: '127.0.0.1:8080', origin: 'http://evil.example' }), policy, false), /evil/);
  assert.match(foreignReason(req({ host: 'evil.example:8080' }), policy, false), /Host/);
  assert.match(foreignReason(req({ host: '127.0.0.1:8080', 'sec-fetch-site': 'cross-site' }), policy, true), /cross-site/);
  // a person typing the URL: allowed for pages, never for the API
  assert.equal(foreignReason(req({ host: '127.0.0.1:8080', 'sec-fetch-site': 'none' }), policy, true), '');
  assert.match(foreignReason(req({ host: '127.0.0.1:8080', 'sec-fetch-site': 'none' }), policy, false), /none/);
});
