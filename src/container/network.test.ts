import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound } from '../errdefs';
import type { NetworkManager } from '../network/manager';
import type { NetworkRecord } from '../network/types';
import { planNetworks } from './network';

const rec = (name: string, predefined: boolean, subnet?: string): NetworkRecord => ({
  id: `${name}`.padEnd(64, 'f'),
  name,
  driver: name === 'host' ? 'host' : name === 'none' ? 'null' : 'bridge',
  created: '',
  internal: false,
  attachable: false,
  labels: {},
  options: {},
  subnet,
  gateway: subnet?.replace(/0\/24$/, '1'),
  userSubnet: !!subnet && !predefined,
  predefined,
});
const nets = [rec('bridge', true, '10.9.0.0/24'), rec('host', true), rec('none', true), rec('app', false, '10.8.0.0/24')];
const fake = {
  find(ref: string) {
    const n = nets.find((x) => x.name === ref || x.id === ref);
    if (!n) throw notFound(`network ${ref} not found`);
    return n;
  },
} as unknown as NetworkManager;

test('"default" is the bridge, and the CLI\'s "default" endpoint settings go with it', () => {
  const p = planNetworks(fake, 'default', { hasPorts: false, NetworkingConfig: { EndpointsConfig: { default: { MacAddress: '02:42:00:00:00:09' } } } });
  assert.equal(p.mode, 'bridge');
  assert.deepEqual(Object.keys(p.networks), ['bridge']);
  assert.equal(p.networks.bridge.MacAddress, '02:42:00:00:00:09');
});

test('a user network with an address and aliases; a second network from EndpointsConfig', () => {
  const p = planNetworks(fake, 'app', {
    hasPorts: true,
    NetworkingConfig: { EndpointsConfig: { app: { IPAMConfig: { IPv4Address: '10.8.0.7' }, Aliases: ['db'] }, bridge: {} } },
  });
  assert.deepEqual(Object.keys(p.networks), ['app', 'bridge']);
  assert.deepEqual(p.networks.app.IPAMConfig, { IPv4Address: '10.8.0.7' });
  assert.deepEqual(p.networks.app.Aliases, ['db']);
});

test("Docker's refusals", () => {
  const ip = (mode: string, addr: string) =>
    planNetworks(fake, mode, { hasPorts: false, NetworkingConfig: { EndpointsConfig: { [mode]: { IPAMConfig: { IPv4Address: addr } } } } });
  assert.throws(() => ip('app', '10.1.2.3'), /no configured subnet or ip-range contain the IP address 10\.1\.2\.3/);
  assert.throws(() => ip('default', '10.9.0.5'), /user specified IP address is supported on user defined networks only/);
  assert.throws(
    () => planNetworks(fake, 'bridge', { hasPorts: false, NetworkingConfig: { EndpointsConfig: { bridge: { Aliases: ['x'] } } } }),
    /network-scoped alias is supported only for containers in user defined networks/,
  );
  assert.throws(() => planNetworks(fake, 'container:abc', { hasPorts: true }), /conflicting options: port publishing and the container type network mode/);
  // An unknown network is recorded and refused at start, like dockerd.
  assert.equal(planNetworks(fake, 'later', { hasPorts: false }).networks.later.NetworkID, '');
});
