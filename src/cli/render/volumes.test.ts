import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderList } from '../format/list';
import { VOLUMES_DEFAULT_TABLE, VOLUMES_HEADERS, VolumeContext } from './volumes';

const vols = [
  { Name: 'data', Driver: 'local', Mountpoint: '/v/data/_data', Labels: { team: 'x' }, Scope: 'local', Options: null },
  { Name: 'cache', Driver: 'local', Mountpoint: '/v/cache/_data', Labels: null, Scope: 'local', Options: null },
];

test('volume ls: table, -q, --format with Label', () => {
  const rows = vols.map((v) => new VolumeContext(v));
  const opts = { defaultTable: VOLUMES_DEFAULT_TABLE, headers: VOLUMES_HEADERS, typeName: '*formatter.volumeContext', quietField: 'Name' };
  assert.equal(renderList('table', rows, opts), 'DRIVER    VOLUME NAME\nlocal     data\nlocal     cache\n');
  assert.equal(renderList('table', rows, { ...opts, quiet: true }), 'data\ncache\n');
  assert.equal(renderList('{{.Name}}:{{.Label "team"}}:{{.Labels}}', rows, opts), 'data:x:team=x\ncache::\n');
});
