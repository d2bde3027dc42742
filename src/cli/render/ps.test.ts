import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContainerSummary } from '../../api/types';
import { renderList } from '../format/list';
import { ContainerContext, displayablePorts, PS_DEFAULT_TABLE, PS_HEADERS } from './ps';
import { ellipsis } from './text';

const NOW = Date.UTC(2024, 5, 1, 12, 0, 0);

function summary(over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    Id: 'abcdef0123456789'.repeat(4),
    Names: ['/web'],
    Image: 'busybox',
    ImageID: `sha256:${'1'.repeat(64)}`,
    Command: "sh -c 'echo hello world; sleep 1000000'",
    Created: NOW / 1000 - 90,
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up About a minute',
    ...over,
  };
}

test('COMMAND: quoted, cut to 20 columns with an ellipsis', () => {
  assert.equal(new ContainerContext(summary(), true, NOW).Command, `"sh -c 'echo hello w…"`);
  assert.equal(new ContainerContext(summary(), false, NOW).Command, `"sh -c 'echo hello world; sleep 1000000'"`);
  assert.equal(new ContainerContext(summary({ Command: 'echo "hi"\tthere' }), true, NOW).Command, '"echo \\"hi\\"\\tthere"');
  assert.equal(new ContainerContext(summary({ Command: 'true' }), true, NOW).Command, '"true"');
  assert.equal(ellipsis('abcdefghijklmnopqrstuvwxyz', 20), 'abcdefghijklmnopqrs…');
  assert.equal(ellipsis('日本語のテキストです', 9), '日本語の…');
});

test('PORTS: sorted, ranges grouped, published ports last', () => {
  assert.equal(
    displayablePorts([
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 443, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
    ]),
    '443/tcp, 0.0.0.0:5353->53/udp, 0.0.0.0:8080->80/tcp, [::]:8080->80/tcp',
  );
  assert.equal(
    displayablePorts([
      { PrivatePort: 7001, Type: 'tcp' },
      { PrivatePort: 7000, Type: 'tcp' },
      { PrivatePort: 7005, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 9000, PublicPort: 9000, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 9001, PublicPort: 9001, Type: 'tcp' },
    ]),
    '7000-7001/tcp, 7005/tcp, 0.0.0.0:9000-9001->9000-9001/tcp',
  );
  assert.equal(displayablePorts([]), '');
  assert.equal(displayablePorts(null), '');
});

test('NAMES, IMAGE, ID, CREATED, SIZE, LABELS', () => {
  const c = new ContainerContext(
    summary({
      Names: ['/web/db', '/db'],
      Image: `sha256:${'1'.repeat(64)}`,
      SizeRw: 12,
      SizeRootFs: 1234567,
      Labels: { b: '2', a: '1' },
    }),
    true,
    NOW,
  );
  assert.equal(c.Names, 'db');
  assert.equal(c.Image, '111111111111');
  assert.equal(c.ID, 'abcdef012345');
  assert.equal(c.RunningFor, 'About a minute ago');
  assert.equal(c.Size, '12B (virtual 1.23MB)');
  assert.equal(c.Labels, 'a=1,b=2');
  assert.equal(c.Label('b'), '2');
  const full = new ContainerContext(summary({ Names: ['/web/db', '/db'] }), false, NOW);
  assert.equal(full.Names, 'web/db,db');
  assert.equal(new ContainerContext(summary({ Image: 'docker.io/library/nginx:1.25@sha256:' + 'a'.repeat(64) }), true, NOW).Image, 'nginx:1.25');
});

test('the default table', () => {
  const out = renderList(undefined, [new ContainerContext(summary({ Ports: [{ PrivatePort: 80, Type: 'tcp' }] }), true, NOW)], {
    defaultTable: PS_DEFAULT_TABLE,
    headers: PS_HEADERS,
  });
  assert.equal(
    out,
    'CONTAINER ID   IMAGE     COMMAND                  CREATED              STATUS              PORTS     NAMES\n' +
      `abcdef012345   busybox   "sh -c 'echo hello w…"   About a minute ago   Up About a minute   80/tcp    web\n`,
  );
  const quiet = renderList('table', [new ContainerContext(summary(), true, NOW)], { defaultTable: PS_DEFAULT_TABLE, headers: PS_HEADERS, quiet: true });
  assert.equal(quiet, 'abcdef012345\n');
});
