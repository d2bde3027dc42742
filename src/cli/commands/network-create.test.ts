import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ipam } from './network-create';

test('network create: ranges, gateways and aux addresses go with the subnet that holds them, either family', () => {
  assert.deepEqual(ipam(['10.9.0.0/16', 'fd5e:1::/64'], ['fd5e:1::/96'], ['fd5e:1::ffff', '10.9.0.254'], { h: '10.9.0.9', h6: 'fd5e:1::9' }), [
    { Subnet: '10.9.0.0/16', Gateway: '10.9.0.254', AuxiliaryAddresses: { h: '10.9.0.9' } },
    { Subnet: 'fd5e:1::/64', IPRange: 'fd5e:1::/96', Gateway: 'fd5e:1::ffff', AuxiliaryAddresses: { h6: 'fd5e:1::9' } },
  ]);
  assert.deepEqual(ipam([], [], []), []);
});

test("network create: the docker CLI's refusals", () => {
  assert.throws(() => ipam([], [], ['10.0.0.1']), /every ip-range or gateway must have a corresponding subnet/);
  assert.throws(() => ipam(['10.9.0.0/16'], [], ['10.8.0.1']), /no matching subnet for gateway 10.8.0.1/);
  assert.throws(() => ipam(['10.9.0.0/16', '10.8.0.0/16'], ['10.9.1.0/24', '10.9.2.0/24'], []), /cannot configure multiple ranges \(10.9.2.0\/24, 10.9.1.0\/24\) on the same subnet \(10.9.0.0\/16\)/);
  assert.throws(() => ipam(['10.9.0.0/16', '10.9.1.0/24'], [], []), /multiple overlapping subnet configuration is not supported/);
  assert.throws(() => ipam(['fd5e:1::/64'], [], [], { x: '10.0.0.1' }), /no matching subnet for aux-address 10.0.0.1/);
});
