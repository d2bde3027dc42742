import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contains, firstFreePool, formatCidr, formatIp, macFor, overlaps, parseCidr, parseIp } from './ipv4';

test('parse and format addresses', () => {
  assert.equal(formatIp(parseIp('172.17.0.2')!), '172.17.0.2');
  assert.equal(parseIp('256.1.1.1'), undefined);
  assert.equal(parseIp('1.2.3'), undefined);
  assert.equal(formatIp(parseIp('255.255.255.255')!), '255.255.255.255');
});

test('CIDR: host bits, containment, overlap', () => {
  const a = parseCidr('10.1.2.3/16')!;
  assert.equal(formatCidr(a.cidr), '10.1.0.0/16');
  assert.equal(formatIp(a.ip), '10.1.2.3');
  assert.ok(contains(a.cidr, parseIp('10.1.255.1')!));
  assert.ok(!contains(a.cidr, parseIp('10.2.0.1')!));
  assert.ok(overlaps(a.cidr, parseCidr('10.1.5.0/24')!.cidr));
  assert.ok(overlaps(parseCidr('10.0.0.0/8')!.cidr, a.cidr));
  assert.ok(!overlaps(a.cidr, parseCidr('10.2.0.0/24')!.cidr));
  assert.equal(parseCidr('10.0.0.0/33'), undefined);
  assert.equal(parseCidr('10.0.0.0'), undefined);
});

test("Docker's MAC from the IP", () => {
  assert.equal(macFor(parseIp('172.17.0.2')!), '02:42:ac:11:00:02');
});

test('first free default pool skips used ones', () => {
  assert.equal(formatCidr(firstFreePool([])!), '172.17.0.0/16');
  const used = [parseCidr('172.17.0.0/16')!.cidr, parseCidr('172.18.5.0/24')!.cidr];
  assert.equal(formatCidr(firstFreePool(used)!), '172.19.0.0/16');
});
