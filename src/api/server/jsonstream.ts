// Docker's JSON message stream (pull, push, load): one JSON object per line,
// `progress` rendered as dockerd renders it for API clients. The response
// head is sent with the first message, so an error before any output (bad
// reference, unknown tag, wrong password) is a normal error response with
// its status, as dockerd does; after that it is an `errorDetail` message.
import type { ServerResponse } from 'node:http';
import { messageOf } from './errors';

export interface StreamMessage {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: unknown;
}

export interface JSONMessageWriter {
  write(m: StreamMessage): void;
  /** Ends the stream; rethrows `err` when nothing was sent yet (the server answers with its status). */
  fail(err: unknown): void;
  end(): void;
}

export function jsonMessageWriter(res: ServerResponse): JSONMessageWriter {
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    res.writeHead(200, { 'Content-Type': 'application/json' });
  };
  return {
    write(m) {
      start();
      const out: Record<string, unknown> = {};
      if (m.status !== undefined) out.status = m.status;
      if (m.progressDetail !== undefined) out.progressDetail = m.progressDetail;
      const bar = m.progressDetail ? progressString(m.progressDetail.current ?? 0, m.progressDetail.total ?? 0) : '';
      if (bar) out.progress = bar;
      if (m.id !== undefined) out.id = m.id;
      if (m.aux !== undefined) out.aux = m.aux;
      res.write(JSON.stringify(out) + '\r\n');
    },
    fail(err) {
      if (!started) throw err;
      const message = messageOf(err);
      res.end(JSON.stringify({ errorDetail: { message }, error: message }) + '\r\n');
    },
    end() {
      start();
      res.end();
    },
  };
}

/** jsonmessage.JSONProgress.String() as dockerd renders it (no terminal: width 200). */
export function progressString(current: number, total: number): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return humanSize(current).padStart(8);
  const pct = Math.min(Math.floor(Math.floor((current / total) * 100) / 2), 50);
  const bar = `[${'='.repeat(pct)}>${' '.repeat(Math.max(50 - pct, 0))}] `;
  const numbers = current > total ? humanSize(current).padStart(8) : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/** go-units HumanSize: decimal units, 4 significant digits. */
function humanSize(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${Number(n.toPrecision(4))}${units[i]}`;
}
