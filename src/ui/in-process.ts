// A GET to the Engine API's own server in this process, over a duplex pair
// (no socket), read as JSON lines: how the stats mux reads
// /containers/{id}/stats?stream=1 exactly as any docker client would.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { duplexPair } from './duplex-pair';

/** Hands one end of a connection to the API's http.Server (`server.emit('connection', end)`). */
export type Connect = (end: Duplex) => void;

/**
 * Calls onLine with each line of the answer's body and onEnd once when it ends
 * (or fails, or is not a 200); returns what stops it (then onEnd is not called).
 */
export function apiLines(connect: Connect, path: string, onLine: (line: string) => void, onEnd: (why?: string) => void): () => void {
  const [server, client] = duplexPair();
  let done = false;
  const finish = (why?: string) => {
    if (done) return;
    done = true;
    client.destroy();
    onEnd(why);
  };
  connect(server);
  // http's types want a net.Socket; any Duplex works (End has the socket knobs http calls)
  const req = http.request({ createConnection: () => client as unknown as Socket, path, method: 'GET', headers: { Host: 'berth-ui', Connection: 'close' } });
  req.on('response', (res) => {
    if (res.statusCode !== 200) {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => finish(`${res.statusCode}: ${body.trim()}`));
      return;
    }
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      buf += c;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line && !done) onLine(line);
      }
    });
    res.on('end', () => finish());
    res.on('close', () => finish());
  });
  req.on('error', (e) => finish(e.message));
  req.end();
  return () => {
    done = true;
    req.destroy();
    client.destroy();
  };
}
