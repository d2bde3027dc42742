// The websocket side of attach (GET /containers/{id}/attach/ws): the upgrade
// handshake and framing come from the `ws` package; the handler gets a plain
// duplex stream whose writes go out as binary messages (what dockerd sends).
// `ws` is loaded on the first websocket request: most daemons never see one,
// and it would add ≈1 MiB to an idle berthd.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import { invalidArgument } from '../../errdefs';

let wss: WebSocketServer | undefined;

export function isWebSocketRequest(req: IncomingMessage): boolean {
  return String(req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

/**
 * Completes the handshake of a websocket request (isWebSocketRequest) on
 * `socket`; rejects when the client's handshake is refused (ws answers it 400 itself).
 */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    const refused = () => reject(invalidArgument('websocket: bad handshake'));
    socket.once('close', refused);
    socket.resume();
    const lib = require('ws') as typeof import('ws');
    wss ??= new lib.WebSocketServer({ noServer: true, perMessageDeflate: false });
    wss.handleUpgrade(req, socket, Buffer.alloc(0), (ws) => {
      socket.off('close', refused);
      const stream = lib.createWebSocketStream(ws);
      stream.on('error', () => {});
      resolve(stream);
    });
  });
}
