import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RequestContext } from '../../server/route';
import { distributionRoutes } from './routes';

function call(rest: string, headers: Record<string, string> = {}) {
  const calls: unknown[][] = [];
  const sent: { status?: number; body?: unknown } = {};
  const [r] = distributionRoutes({
    inspect: async (name, auth) => {
      calls.push([name, auth]);
      return { Descriptor: { mediaType: 'm', digest: 'sha256:x', size: 1 }, Platforms: null };
    },
  });
  const ctx = { params: { '*': rest }, req: { headers }, send: (status: number, body?: unknown) => Object.assign(sent, { status, body }) } as unknown as RequestContext;
  return { run: async () => r.handler(ctx), calls, sent };
}

test('distribution route: the name is everything before /json, credentials from X-Registry-Auth', async () => {
  const auth = Buffer.from(JSON.stringify({ username: 'u', password: 'p' })).toString('base64');
  const c = call('localhost:5000/team/app:1/json', { 'x-registry-auth': auth });
  await c.run();
  assert.deepEqual(c.calls, [['localhost:5000/team/app:1', { username: 'u', password: 'p', auth: undefined, serveraddress: undefined, identitytoken: undefined, registrytoken: undefined }]]);
  assert.equal(c.sent.status, 200);
  const anon = call('busybox/json');
  await anon.run();
  assert.deepEqual(anon.calls, [['busybox', undefined]]);
  for (const bad of ['busybox', '/json', 'busybox/json/x']) await assert.rejects(call(bad).run(), /page not found/);
});
