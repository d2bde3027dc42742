import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseSearchFilters, splitSearchTerm } from './search';

test('search terms name a private registry by its first component', () => {
  assert.deepEqual(splitSearchTerm('localhost:5000/busy'), { host: 'localhost:5000', term: 'busy' });
  assert.deepEqual(splitSearchTerm('reg.example/team/app'), { host: 'reg.example', term: 'team/app' });
  assert.deepEqual(splitSearchTerm('busybox'), { term: 'busybox' });
  assert.deepEqual(splitSearchTerm('team/app'), { term: 'team/app' });
});

test('search filters', () => {
  assert.deepEqual(parseSearchFilters(new Map([['stars', ['3']], ['is-official', ['true']]])), { stars: 3, isOfficial: true });
  assert.throws(() => parseSearchFilters(new Map([['stars', ['x']]])), /invalid filter 'stars=x'/);
  assert.throws(() => parseSearchFilters(new Map([['bogus', ['1']]])), /invalid filter 'bogus'/);
});
