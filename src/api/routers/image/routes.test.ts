import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RequestContext, Route } from '../../server/route';
import type { ImageStore } from '../../../image';
import type { ImageBackend } from './backend';
import { imageRoutes } from './routes';

// Compile-time check: the image store is a valid backend as it is.
export const storeIsBackend = (s: ImageStore): ImageBackend => s;

function fakeCtx(params: Record<string, string>, query: string, apiVersion = '1.47') {
  const sent: { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> } = {};
  const ctx = {
    params,
    query: new URLSearchParams(query),
    apiVersion,
    req: Object.assign(
      (async function* () {
        yield Buffer.from('tar bytes');
      })(),
      { headers: {} },
    ),
    res: {
      writeHead: (status: number, headers: Record<string, string>) => Object.assign(sent, { status, headers }),
      write: (raw: string) => (sent.raw = (sent.raw ?? '') + raw),
      end: (raw?: string) => (sent.raw = (sent.raw ?? '') + (raw ?? '')),
    },
    send: (status: number, body?: unknown) => Object.assign(sent, { status, body }),
  } as unknown as RequestContext;
  return { ctx, sent };
}

function route(routes: Route[], method: string, path: string): Route {
  const r = routes.find((x) => x.method === method && x.path === path);
  assert.ok(r, `${method} ${path}`);
  return r;
}

test('image routes call the backend with parsed arguments', async () => {
  const calls: unknown[][] = [];
  const backend: ImageBackend = {
    import: async (body, opts) => {
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c);
      calls.push(['import', Buffer.concat(chunks).toString(), opts]);
      return 'sha256:abc';
    },
    pull: async (name, opts) => {
      calls.push(['pull', name, opts.tag, opts.platform, opts.auth]);
      if (name === 'bad') throw new Error('manifest unknown');
      opts.progress({ id: 'latest', status: 'Pulling from x' });
      if (name === 'late') throw new Error('connection reset');
      return 'sha256:abc';
    },
    push: async (name, opts) => {
      calls.push(['push', name, opts.tag]);
      opts.progress({ status: 'The push refers to repository [localhost:5000/x]' });
    },
    list: async (opts) => (calls.push(['list', opts]), [{ Id: 'x', ParentId: '', RepoTags: [], RepoDigests: [], Created: 0, Size: 5, SharedSize: -1, Labels: null, Containers: -1 }]),
    inspect: async (name) => (calls.push(['inspect', name]), { Id: name } as never),
    history: async (name) => (calls.push(['history', name]), []),
    tag: async (name, repo, tag) => void calls.push(['tag', name, repo, tag]),
    remove: async (name, opts) => (calls.push(['remove', name, opts]), [{ Untagged: name }]),
    prune: async (opts) => (calls.push(['prune', opts]), { ImagesDeleted: null, SpaceReclaimed: 0 }),
  };
  const routes = imageRoutes(backend);

  let f = fakeCtx({}, 'fromSrc=-&repo=busybox&tag=latest&changes=CMD%20%5B%22sh%22%5D&changes=ENV%20A%3D1&message=hi');
  await route(routes, 'POST', '/images/create').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['import', 'tar bytes', { repo: 'busybox', tag: 'latest', changes: ['CMD ["sh"]', 'ENV A=1'], message: 'hi', source: '-' }]);
  assert.equal(f.sent.status, 200);
  assert.equal(f.sent.raw, '{"status":"sha256:abc"}\r\n');

  f = fakeCtx({}, 'fromImage=busybox&tag=latest&platform=linux/arm64');
  await route(routes, 'POST', '/images/create').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['pull', 'busybox', 'latest', 'linux/arm64', undefined]);
  assert.equal(f.sent.raw, '{"status":"Pulling from x","id":"latest"}\r\n');
  f = fakeCtx({}, 'fromImage=bad');
  await assert.rejects(Promise.resolve(route(routes, 'POST', '/images/create').handler(f.ctx)), /manifest unknown/, 'an error before any output is an error response');
  f = fakeCtx({}, 'fromImage=late');
  await route(routes, 'POST', '/images/create').handler(f.ctx);
  assert.match(f.sent.raw!, /"errorDetail":\{"message":"connection reset"\},"error":"connection reset"/, 'later errors end the stream');
  f = fakeCtx({ '*': 'localhost:5000/x/push' }, 'tag=1');
  await route(routes, 'POST', '/images/*').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['push', 'localhost:5000/x', '1']);

  f = fakeCtx({ '*': 'localhost:5000/x/y:t/json' }, '');
  await route(routes, 'GET', '/images/*').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['inspect', 'localhost:5000/x/y:t']);

  f = fakeCtx({ '*': 'busybox/history' }, '');
  await route(routes, 'GET', '/images/*').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['history', 'busybox']);

  f = fakeCtx({ '*': 'busybox/bogus' }, '');
  await assert.rejects(Promise.resolve(route(routes, 'GET', '/images/*').handler(f.ctx)), /page not found/);

  f = fakeCtx({ '*': 'busybox/tag' }, 'repo=my/box&tag=1');
  await route(routes, 'POST', '/images/*').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['tag', 'busybox', 'my/box', '1']);
  assert.equal(f.sent.status, 201);

  f = fakeCtx({ '*': 'a/b:c' }, 'force=1&noprune=true');
  await route(routes, 'DELETE', '/images/*').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['remove', 'a/b:c', { force: true, noprune: true }]);

  f = fakeCtx({}, 'all=1&filters=%7B%22dangling%22%3A%7B%22true%22%3Atrue%7D%7D', '1.41');
  await route(routes, 'GET', '/images/json').handler(f.ctx);
  assert.deepEqual(calls.pop(), ['list', { all: true, filters: new Map([['dangling', ['true']]]) }]);
  const [img] = f.sent.body as { RepoTags: string[]; VirtualSize: number }[];
  assert.deepEqual(img.RepoTags, ['<none>:<none>'], 'old API versions get <none>');
  assert.equal(img.VirtualSize, 5);
});
