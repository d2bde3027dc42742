import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains6, formatCidr6, formatIp6, last6, overlaps6, parseCidr6, parseIp6 } from './ipv6';

test('IPv6: parse and format as RFC 5952 (Go prints the same)', () => {
  const cases: [string, string][] = [
    ['fd5e:2::f00d', 'fd5e:2::f00d'],
    ['FD5E:0002:0000:0000:0000:0000:0000:0001', 'fd5e:2::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
    ['fe80::f00d', 'fe80::f00d'],
  ];
  for (const [input, want] of cases) assert.equal(formatIp6(parseIp6(input)!), want, input);
  for (const bad of ['zz::1', '1::2::3', '1:2:3:4:5:6:7:8:9', '1:2:3', '12345::', '10.0.0.1', '', ':::']) {
    assert.equal(parseIp6(bad), undefined, bad);
  }
});

test('IPv6 CIDR: host bits, containment, overlap, last address', () => {
  const a = parseCidr6('fd5e:2::1/64')!;
  assert.equal(formatCidr6(a.cidr), 'fd5e:2::/64');
  assert.equal(formatIp6(a.ip), 'fd5e:2::1');
  assert.ok(contains6(a.cidr, parseIp6('fd5e:2::ffff')!));
  assert.ok(!contains6(a.cidr, parseIp6('fd5e:3::1')!));
  assert.ok(overlaps6(a.cidr, parseCidr6('fd5e:2::/96')!.cidr));
  assert.ok(!overlaps6(a.cidr, parseCidr6('fd5e:3::/64')!.cidr));
  assert.equal(formatIp6(last6(a.cidr)), 'fd5e:2::ffff:ffff:ffff:ffff');
  assert.equal(parseCidr6('fd5e:3::/640'), undefined);
  assert.equal(parseCidr6('fd5e:3::'), undefined);
  assert.equal(formatCidr6(parseCidr6('::/0')!.cidr), '::/0');
});
