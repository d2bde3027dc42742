// Child process of the bearer-token tests: a token server per Docker's token
// auth spec. argv: port-file-less; reads JSON config from argv[2]:
// {key, certDer, issuer, service, user, password}. GET /token?service&scope…
// with Basic credentials grants the requested actions to that user; anyone
// else gets a token with no access (as Docker Hub does for anonymous users).
import { createSign, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const cfg = JSON.parse(process.argv[2]) as { key: string; certDer: string; issuer: string; service: string; user: string; password: string };
const b64u = (b: Buffer | string) => Buffer.from(b).toString('base64url');

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/token') {
    res.writeHead(404).end();
    return;
  }
  const authz = req.headers.authorization ?? '';
  let user = '';
  if (authz.startsWith('Basic ')) {
    const [u, ...p] = Buffer.from(authz.slice(6), 'base64').toString().split(':');
    if (u !== cfg.user || p.join(':') !== cfg.password) {
      res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'incorrect username or password' }] }));
      return;
    }
    user = u;
  }
  const access = user
    ? url.searchParams.getAll('scope').map((s) => {
        const [type, ...rest] = s.split(':');
        const actions = rest.pop()!.split(',');
        return { type, name: rest.join(':'), actions };
      })
    : [];
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', typ: 'JWT', x5c: [cfg.certDer] };
  const claims = { iss: cfg.issuer, sub: user, aud: url.searchParams.get('service') ?? cfg.service, exp: now + 300, nbf: now - 10, iat: now, jti: randomBytes(8).toString('hex'), access };
  const input = `${b64u(JSON.stringify(header))}.${b64u(JSON.stringify(claims))}`;
  const sig = createSign('RSA-SHA256').update(input).sign(cfg.key);
  const token = `${input}.${b64u(sig)}`;
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
});
server.listen(Number(process.env.TOKEN_PORT ?? 0), '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
