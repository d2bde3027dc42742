import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HistoryResponseItem, ImageSummary } from '../../api/types';
import { HistoryContext } from './history';
import { imageRows } from './images';

const NOW = Date.UTC(2024, 5, 1);
const img = (over: Partial<ImageSummary>): ImageSummary => ({
  Id: `sha256:${'ab'.repeat(32)}`,
  ParentId: '',
  RepoTags: [],
  RepoDigests: [],
  Created: NOW / 1000 - 86400 * 20,
  Size: 4261550,
  SharedSize: -1,
  Labels: null,
  Containers: -1,
  ...over,
});

test('images: one row per repo:tag, <none> for dangling, digests on demand', () => {
  const list = [
    img({ RepoTags: ['busybox:latest', 'docker.io/library/bb:1'], RepoDigests: [`busybox@sha256:${'9'.repeat(64)}`] }),
    img({ Id: `sha256:${'f'.repeat(64)}` }),
    img({ RepoDigests: [`localhost:5000/app@sha256:${'1'.repeat(64)}`] }),
  ];
  const rows = imageRows(list, { trunc: true, digests: false, now: NOW });
  assert.deepEqual(
    rows.map((r) => [r.Repository, r.Tag, r.ID, r.Digest, r.Size, r.CreatedSince]),
    [
      ['busybox', 'latest', 'abababababab', '<none>', '4.26MB', '2 weeks ago'],
      ['bb', '1', 'abababababab', '<none>', '4.26MB', '2 weeks ago'],
      ['<none>', '<none>', 'ffffffffffff', '<none>', '4.26MB', '2 weeks ago'],
      ['localhost:5000/app', '<none>', 'abababababab', '', '4.26MB', '2 weeks ago'],
    ],
  );
  const withDigests = imageRows(list, { trunc: false, digests: true, now: NOW });
  assert.equal(withDigests[0].Digest, `sha256:${'9'.repeat(64)}`);
  assert.equal(withDigests[0].ID, `sha256:${'ab'.repeat(32)}`);
  assert.equal(withDigests[3].Digest, `sha256:${'1'.repeat(64)}`);
  assert.equal(rows[0].Containers, 'N/A');
  assert.equal(rows[0].VirtualSize, '4.262MB');
});

test('history: CREATED BY cut at 45 columns, <missing> kept, raw numbers without -H', () => {
  const h: HistoryResponseItem = {
    Id: '<missing>',
    Created: NOW / 1000 - 3600,
    CreatedBy: '/bin/sh -c #(nop) ADD file:abcdef0123456789abcdef in / ',
    Tags: null,
    Size: 4261550,
    Comment: 'imported',
  };
  const c = new HistoryContext(h, true, true, NOW);
  assert.equal(c.ID, '<missing>');
  assert.equal(c.CreatedBy, '/bin/sh -c #(nop) ADD file:abcdef0123456789a…');
  assert.equal(c.CreatedSince, 'About an hour ago');
  assert.equal(c.Size, '4.26MB');
  const raw = new HistoryContext({ ...h, Id: `sha256:${'c'.repeat(64)}` }, true, false, NOW);
  assert.equal(raw.ID, 'cccccccccccc');
  assert.equal(raw.Size, '4261550');
  // RFC 3339 in local time: the same instant whatever the machine's zone
  assert.match(raw.CreatedSince, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00(Z|[+-]\d\d:\d\d)$/);
  assert.equal(Date.parse(raw.CreatedSince), NOW - 3600_000);
});
