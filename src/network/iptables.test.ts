import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainsFor, isolationText, networkRules } from './iptables';
import type { NetworkRecord } from './types';

const net = (name: string, bridge: string, subnet: string, internal = false): NetworkRecord => ({
  id: name.padEnd(64, '0'),
  name,
  driver: 'bridge',
  created: '',
  internal,
  attachable: false,
  labels: {},
  options: {},
  subnet,
  gateway: subnet.replace(/0\/\d+$/, '1'),
  bridge,
  predefined: false,
});

test('chains carry the daemon tag', () => {
  assert.deepEqual(chainsFor('abcd1234'), { filter: 'BERTH-FWD-abcd1234', nat: 'BERTH-NAT-abcd1234', isolation: 'BERTH-ISO-abcd1234' });
});

test('a normal network masquerades and forwards; an internal one only talks inside', () => {
  const c = chainsFor('t');
  assert.deepEqual(
    networkRules(c, net('a', 'br-a', '10.1.0.0/24')).map((r) => `${r.table} ${r.args.join(' ')}`),
    [
      'nat -A BERTH-NAT-t -s 10.1.0.0/24 ! -o br-a -j MASQUERADE',
      'filter -A BERTH-FWD-t -o br-a -j ACCEPT',
      'filter -A BERTH-FWD-t -i br-a -j ACCEPT',
    ],
  );
  assert.deepEqual(
    networkRules(c, net('i', 'br-i', '10.2.0.0/24', true)).map((r) => r.args.join(' ')),
    ['-A BERTH-FWD-t -i br-i ! -o br-i -j DROP', '-A BERTH-FWD-t -o br-i ! -i br-i -j DROP', '-A BERTH-FWD-t -i br-i -o br-i -j ACCEPT'],
  );
  assert.deepEqual(networkRules(c, { ...net('h', '', ''), driver: 'host', bridge: undefined, subnet: undefined }), []);
});

test('isolation drops every pair of bridges, after letting published ports through', () => {
  const text = isolationText(chainsFor('t'), [net('a', 'br-a', '10.1.0.0/24'), net('b', 'br-b', '10.2.0.0/24')]);
  assert.equal(
    text,
    '*filter\n:BERTH-ISO-t - [0:0]\n-A BERTH-ISO-t -m conntrack --ctstate DNAT,RELATED,ESTABLISHED -j RETURN\n' +
      '-A BERTH-ISO-t -i br-a -o br-b -j DROP\n-A BERTH-ISO-t -i br-b -o br-a -j DROP\nCOMMIT\n',
  );
});
