import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHeader, formatJSONLines, renderList, type ListOptions } from './list.js';
import { TemplateError } from './template.js';

class ContainerRow {
  constructor(
    readonly ID: string,
    readonly Image: string,
    readonly Names: string,
    private readonly labels: Record<string, string>,
  ) {}
  get Status(): string {
    return 'Up 2 minutes';
  }
  Labels(): string {
    return Object.entries(this.labels).map(([k, v]) => `${k}=${v}`).join(',');
  }
  Label(name: string): string {
    return this.labels[name] ?? '';
  }
}

const rows = [
  new ContainerRow('abc123def456', 'busybox', 'web', { 'com.docker.compose.project': 'shop' }),
  new ContainerRow('0123456789ab', 'nginx:latest', 'proxy', {}),
];

const opts: ListOptions = {
  defaultTable: 'table {{.ID}}\t{{.Image}}\t{{.Status}}\t{{.Names}}',
  headers: { ID: 'CONTAINER ID', Image: 'IMAGE', Status: 'STATUS', Names: 'NAMES' },
  typeName: '*formatter.ContainerContext',
};

test('default table: header, rows, tabwriter alignment', () => {
  const want =
    'CONTAINER ID   IMAGE          STATUS         NAMES\n' +
    'abc123def456   busybox        Up 2 minutes   web\n' +
    '0123456789ab   nginx:latest   Up 2 minutes   proxy\n';
  assert.equal(renderList(undefined, rows, opts), want);
  assert.equal(renderList('', rows, opts), want);
  assert.equal(renderList('table', rows, opts), want);
});

test('a table with no rows still prints its header', () => {
  assert.equal(renderList(undefined, [], opts), 'CONTAINER ID   IMAGE     STATUS    NAMES\n');
});

test('user table formats: literal \\t, header functions, Label header, default headers', () => {
  const format = 'table {{.ID}}\\t{{upper .Names}}\\t{{.Label "com.docker.compose.project"}}\\t{{.Labels}}';
  const want =
    'CONTAINER ID   NAMES     project   LABELS\n' +
    'abc123def456   WEB       shop      com.docker.compose.project=shop\n' +
    '0123456789ab   PROXY               \n';
  assert.equal(renderList(format, rows, opts), want);
  assert.equal(defaultHeader('RunningFor'), 'RUNNING FOR');
  assert.equal(defaultHeader('ID'), 'ID');
  assert.equal(defaultHeader('IPAddress'), 'IP ADDRESS');
  assert.equal(defaultHeader('LocalVolumes'), 'LOCAL VOLUMES');
});

test('a header error keeps what was written, as docker ignores it', () => {
  // range over the header's string "MOUNTS" fails; docker prints the partial header.
  const out = renderList('table {{.ID}}\t{{range .Mounts}}{{.}} {{end}}', [{ ID: 'abc', Mounts: ['/a', '/b'] }], opts);
  assert.equal(out, 'CONTAINER ID   \nabc            /a /b \n');
});

test('non-table formats: one line per row, no header, no alignment', () => {
  assert.equal(renderList('{{.ID}}: {{.Names}}', rows, opts), 'abc123def456: web\n0123456789ab: proxy\n');
  assert.equal(renderList('{{.ID}}\\t{{.Names}}', rows, opts), 'abc123def456\tweb\n0123456789ab\tproxy\n');
  assert.equal(renderList('{{.ID}}\\n', rows.slice(0, 1), opts), 'abc123def456\n\n');
  assert.equal(renderList('{{.ID}}', [], opts), '');
});

test('quiet prints the ID column only', () => {
  assert.equal(renderList(undefined, rows, { ...opts, quiet: true }), 'abc123def456\n0123456789ab\n');
  assert.equal(renderList('{{.Names}}', rows, { ...opts, quiet: true, quietField: 'Names' }), 'web\nproxy\n');
});

test('json: docker\'s MarshalJSON of each row, sorted keys, HTML escaped', () => {
  const row = { ID: 'x', Ports: '0.0.0.0:80->80/tcp', Names: 'a<b>', Size: 3, Label: (n: string) => n };
  const want = '{"ID":"x","Names":"a\\u003cb\\u003e","Ports":"0.0.0.0:80-\\u003e80/tcp","Size":3}\n';
  assert.equal(renderList('json', [row], opts), want);
  assert.equal(renderList('{{json .}}', [row], opts), want);
  assert.equal(formatJSONLines([row]), want);
  assert.equal(renderList('json', rows.slice(0, 1), opts),
    '{"ID":"abc123def456","Image":"busybox","Labels":"com.docker.compose.project=shop","Names":"web","Status":"Up 2 minutes"}\n');
});

test('errors name the row type and carry docker\'s prefix', () => {
  assert.throws(() => renderList('{{.Nope}}', rows, opts), (e: unknown) => {
    assert.ok(e instanceof TemplateError);
    assert.equal(e.message,
      'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *formatter.ContainerContext');
    return true;
  });
  assert.throws(() => renderList('{{.ID', rows, opts), { message: 'template parsing error: template: :1: unclosed action' });
  // plain objects are checked the same way while rendering, and left unmarked after
  const plain = { ID: 'p' };
  assert.throws(() => renderList('{{.Nope}}', [plain], opts), /can't evaluate field Nope/);
  assert.equal(renderList('{{.Nope}}', [], opts), '');
});
