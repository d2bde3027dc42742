// The stats mux's websocket endpoint (/api/_ui/stats): the upgrade has passed
// the same session, token and Origin checks as every other dashboard
// websocket before it gets here. Each socket has its own StatsMux whose
// streams are the Engine API's own /containers/{id}/stats, read in-process.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiLines, type Connect } from './in-process';
import { StatsMux } from './stats-mux';

export const STATS_MUX_PATH = '/api/_ui/stats';
/** Past this much unsent data a sample is dropped rather than queued (a slow page gets fewer samples, berthd no growing buffer). */
const MAX_BUFFERED = 1 << 20;

export function statsMuxServer(connect: Connect) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const open = (id: string, onLine: (l: string) => void, onEnd: (why?: string) => void) =>
    apiLines(connect, `/containers/${encodeURIComponent(id)}/stats?stream=1`, onLine, onEnd);
  wss.on('connection', (ws: WebSocket) => {
    const mux = new StatsMux(open, (m) => ws.send(m), () => ws.bufferedAmount > MAX_BUFFERED);
    ws.on('message', (data, isBinary) => {
      try {
        mux.message(isBinary ? '' : String(data));
      } catch (e) {
        ws.close(1008, (e as Error).message);
      }
    });
    ws.on('close', () => mux.close());
    ws.on('error', () => mux.close());
  });
  return {
    upgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
    close: () => {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
