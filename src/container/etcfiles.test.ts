import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hostsFile, resolvConf } from './etcfiles';

test('hosts: --add-host (host-gateway too), link entries, then the container itself', () => {
  const text = hostsFile(['db:10.1.2.3', 'gw:host-gateway', 'v6=::1'], '10.0.0.5', 'abc123', {
    linkHosts: ['10.0.0.9\tdata 0123456789ab db'],
    hostGateway: '10.0.0.1',
  });
  assert.match(text, /^127\.0\.0\.1\tlocalhost\n/);
  assert.ok(text.endsWith('10.1.2.3\tdb\n10.0.0.1\tgw\n::1\tv6\n10.0.0.9\tdata 0123456789ab db\n10.0.0.5\tabc123\n'), text);
});

test('resolv.conf: the embedded server replaces the servers, search and options stay', () => {
  assert.equal(resolvConf('nameserver 10.9.9.9\nsearch lan\n', ['10.5.0.1'], null, ['ndots:0']), 'search lan\nnameserver 10.5.0.1\noptions ndots:0\n');
});
