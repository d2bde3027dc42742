// The dashboard's pure helpers for the logs tab, the I/O charts, compose
// projects and build contexts (web/log-view.ts, io-stats.ts,
// pages/projects/group.ts, tar.ts), run under node: they hold no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { HISTORY, pushSample, sparkPoints } from '../../web/sparkline';
import { logsQuery, matches } from '../../web/log-view';
import { ioRates, ioTotals, type IoStats } from '../../web/io-stats';
import { groupByProject, namesByProject } from '../../web/pages/projects/group';
import { tar } from '../../web/tar';
import { registryAuthHeader, registryOf } from '../../web/registry-auth';
import { decodeRegistryAuth } from '../../src/api/server/registry-auth';

test('logs: search is case-insensitive; tail and since make the query', () => {
  assert.ok(matches('GET /index.html 200', 'index'));
  assert.ok(matches('ERROR disk full', 'error'));
  assert.ok(!matches('all fine', 'error'));
  assert.ok(matches('anything', ''));
  assert.equal(logsQuery('100', 0), 'follow=1&stdout=1&stderr=1&tail=100');
  assert.equal(logsQuery('all', 300, 1_000_000_000), 'follow=1&stdout=1&stderr=1&tail=all&since=999700');
});

test('io: network and block totals over interfaces and devices, and their rates', () => {
  const s = {
    networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 24, tx_bytes: 0 } },
    blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 4096 }, { op: 'Write', value: 8192 }, { op: 'Total', value: 12288 }, { op: 'read', value: 4 }] },
  } as unknown as IoStats;
  const t = ioTotals(s);
  assert.deepEqual(t, { rx: 1024, tx: 200, read: 4100, write: 8192 });
  assert.deepEqual(ioTotals({} as IoStats), { rx: 0, tx: 0, read: 0, write: 0 });
  assert.deepEqual(ioRates({ rx: 0, tx: 0, read: 0, write: 0 }, t, 2), { rx: 512, tx: 100, read: 2050, write: 4096 });
  // a counter that went back (the container restarted) counts from zero
  assert.equal(ioRates({ rx: 5000, tx: 0, read: 0, write: 0 }, t, 1).rx, 1024);
});

test('projects: containers grouped by the compose label, projects by name, others left out', () => {
  const c = (id: string, project?: string) => ({ Id: id, Names: [`/${id}`], State: 'running', Created: 0, Labels: (project ? { 'com.docker.compose.project': project } : {}) as Record<string, string> });
  const g = groupByProject([c('a1', 'shop'), c('x'), c('b1', 'blog'), c('a2', 'shop')]);
  assert.deepEqual(g.map(([p, cs]) => [p, cs.map((x) => x.Id)]), [['blog', ['b1']], ['shop', ['a1', 'a2']]]);
  const nets = namesByProject([{ Name: 'shop_default', Labels: { 'com.docker.compose.project': 'shop' } }, { Name: 'bridge', Labels: null }, { Name: 'shop_back', Labels: { 'com.docker.compose.project': 'shop' } }]);
  assert.deepEqual([...nets], [['shop', ['shop_back', 'shop_default']]]);
});

test('tar: a folder archived in the page is a tar that a tar reader reads back', async () => {
  const long = `${'d'.repeat(80)}/${'e'.repeat(60)}/file.txt`;
  const blob = tar([
    { name: 'Dockerfile', data: new TextEncoder().encode('FROM busybox\n') },
    { name: 'sub/empty', data: new Uint8Array(0) },
    { name: long, data: new Uint8Array(1000).fill(7) },
  ]);
  const bytes = Buffer.from(await blob.arrayBuffer());
  assert.equal(bytes.length % 512, 0);
  const got: [string, number, string][] = [];
  const ex = tarStream.extract();
  ex.on('entry', (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: unknown) => void chunks.push(c as Buffer));
    stream.on('end', () => (got.push([h.name, h.size ?? 0, Buffer.concat(chunks).subarray(0, 13).toString()]), next()));
  });
  await new Promise<void>((res, rej) => (ex.on('finish', res), ex.on('error', rej), Readable.from([bytes]).pipe(ex)));
  assert.deepEqual(got.map(([n, s]) => [n, s]), [['Dockerfile', 13], ['sub/empty', 0], [long, 1000]]);
  assert.equal(got[0][2], 'FROM busybox\n');
  assert.throws(() => tar([{ name: 'x'.repeat(120), data: new Uint8Array(0) }]), /too long/);
});

test('registry auth: the header berthd decodes as the docker CLI\'s; none without a user; the registry of a reference', () => {
  assert.deepEqual(registryAuthHeader({ username: '', password: 'x' }, 'docker.io'), {});
  const h = registryAuthHeader({ username: 'ü?>', password: 'p?ss~~~' }, '127.0.0.1:5000');
  assert.match(h['X-Registry-Auth'], /^[A-Za-z0-9_=-]+$/, 'base64url');
  const a = decodeRegistryAuth(h['X-Registry-Auth']) as unknown as Record<string, string>;
  assert.equal(a.username, 'ü?>');
  assert.equal(a.password, 'p?ss~~~');
  assert.equal(registryOf('127.0.0.1:5000/app'), '127.0.0.1:5000');
  assert.equal(registryOf('registry.example/team/app'), 'registry.example');
  assert.equal(registryOf('localhost/app'), 'localhost');
  assert.equal(registryOf('team/app'), 'docker.io');
  assert.equal(registryOf('busybox'), 'docker.io');
});

test('sparkline: a minute of samples kept, drawn right-aligned and scaled to the peak or the given top', () => {
  let s: number[] = [];
  for (let i = 0; i < HISTORY + 5; i++) s = pushSample(s, i);
  assert.equal(s.length, HISTORY);
  assert.equal(s[0], 5, 'the oldest dropped');
  assert.equal(sparkPoints([0, 50], 60, 10, 100, 3), '30,10 60,5');
  assert.equal(sparkPoints([2, 4], 60, 10, 0, 3), '30,5 60,0', 'no top: the peak is the top edge');
  assert.equal(sparkPoints([], 60, 10), '');
});
