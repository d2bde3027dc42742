// CPU% and memory of every running container of the list, from one websocket
// to the dashboard (/api/_ui/stats) that carries each container's Engine API
// /containers/{id}/stats stream (one sample a second, pushed by berthd). A
// browser keeps at most 6 HTTP/1.1 connections to one host, so a fetch per
// stream would cap the list at a few; the mux has no such limit. The page
// tells it the set of ids it shows; the server stops the rest.
import { useEffect, useRef, useState } from 'preact/hooks';
import { socketTo } from '../api';
import { cpuPercent, memoryUsed, type Stats } from '../format';
import { pushSample } from '../sparkline';

export interface Series {
  /** The last HISTORY samples, oldest first. */
  cpu: number[];
  mem: number[];
  limit: number;
}

/** Samples arrive one per container per second: the list is drawn again at most this often, not once per sample. */
const DRAW_MS = 250;
/** After the socket drops (berthd restarted, network), try again after this long. */
const RETRY_MS = 2000;

export function useLiveStats(ids: string[]): Map<string, Series> {
  const [series, setSeries] = useState(new Map<string, Series>());
  const ws = useRef<WebSocket>();
  const want = useRef<string[]>(ids);
  want.current = ids;
  const key = ids.join(',');
  useEffect(() => {
    let closed = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let draw: ReturnType<typeof setTimeout> | undefined;
    // samples since the last draw, folded into the state in one update
    let pending: { id: string; s: Stats }[] = [];
    const flush = () => {
      draw = undefined;
      const batch = pending;
      pending = [];
      setSeries((m) => {
        const next = new Map(m);
        for (const { id, s } of batch) {
          const old = next.get(id) ?? { cpu: [], mem: [], limit: 0 };
          next.set(id, { cpu: pushSample(old.cpu, cpuPercent(s)), mem: pushSample(old.mem, memoryUsed(s)), limit: s.memory_stats.limit ?? 0 });
        }
        return next;
      });
    };
    const connect = () => {
      const sock = socketTo('/_ui/stats');
      ws.current = sock;
      sock.onopen = () => sock.send(watchMessage(want.current));
      sock.onmessage = (m) => {
        const msg = JSON.parse(String(m.data)) as { id: string; stats?: Stats; end?: boolean };
        if (!msg.stats) return;
        pending.push({ id: msg.id, s: msg.stats });
        draw ??= setTimeout(flush, DRAW_MS);
      };
      sock.onclose = () => {
        if (ws.current === sock) ws.current = undefined;
        if (!closed) retry = setTimeout(connect, RETRY_MS);
      };
    };
    connect();
    // a tab out of sight watches nothing: berthd samples no container for a page nobody sees
    const onVisibility = () => ws.current?.readyState === WebSocket.OPEN && ws.current.send(watchMessage(want.current));
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      closed = true;
      document.removeEventListener('visibilitychange', onVisibility);
      clearTimeout(retry);
      clearTimeout(draw);
      ws.current?.close();
    };
  }, []);
  useEffect(() => {
    if (ws.current?.readyState === WebSocket.OPEN) ws.current.send(watchMessage(ids));
    // a container no longer shown (stopped, filtered out) keeps no history
    setSeries((m) => ([...m.keys()].every((id) => ids.includes(id)) ? m : new Map([...m].filter(([id]) => ids.includes(id)))));
  }, [key]);
  return series;
}

const watchMessage = (ids: string[]) => JSON.stringify({ watch: document.visibilityState === 'hidden' ? [] : ids });
