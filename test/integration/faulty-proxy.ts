// Child process of startFaultyProxy (registry-server.ts): argv target blob mode
// (corrupt, stall, cut, cut-once: cut the first download and pass the rest, pass;
// manifest: every manifest served with one byte more than the registry sent, so
// its digest no longer matches the reference nor the Docker-Content-Digest header).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const [target, blob, initial] = process.argv.slice(2);
let mode = initial;
const [th, tp] = target.split(':');
const server = http.createServer((req, res) => {
  const up = http.request({ host: th, port: Number(tp), method: req.method, path: req.url, headers: req.headers }, (ur) => {
    if (mode === 'manifest' && req.method === 'GET' && req.url?.includes('/manifests/') && ur.statusCode === 200) {
      const parts: Buffer[] = [];
      ur.on('data', (c) => parts.push(c));
      ur.on('end', () => {
        const body = Buffer.concat([...parts, Buffer.from('\n')]);
        res.writeHead(200, { ...ur.headers, 'content-length': String(body.length) });
        res.end(body);
      });
      return;
    }
    const hit = req.method === 'GET' && req.url?.includes(`/blobs/${blob}`) && ur.statusCode === 200 && mode !== 'pass' && mode !== 'manifest';
    res.writeHead(ur.statusCode ?? 502, ur.headers);
    if (!hit) return void ur.pipe(res);
    const chunks: Buffer[] = [];
    ur.on('data', (c) => chunks.push(c));
    ur.on('end', () => {
      const all = Buffer.concat(chunks);
      if (mode === 'corrupt') {
        all[all.length >> 1] ^= 0xff;
        res.end(all);
      } else {
        res.write(all.subarray(0, all.length >> 1));
        if (mode === 'cut' || mode === 'cut-once') setTimeout(() => res.socket?.destroy(), 100);
        if (mode === 'cut-once') mode = 'pass';
        // 'stall': never finish; the client's idle timeout must fire
      }
    });
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (m: { mode: string }) => {
  mode = m.mode;
  process.send!({ ok: true });
});
process.on('disconnect', () => process.exit(0));
