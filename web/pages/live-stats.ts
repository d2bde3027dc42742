// CPU% and memory for a few containers at once, each from its own
// /containers/{id}/stats stream (one sample a second, pushed by berthd).
// Browsers open at most 6 HTTP/1.1 connections per host and every stream holds
// one, so the list streams only the first MAX_STREAMS running containers.
import { useEffect, useRef, useState } from 'preact/hooks';
import { jsonLines } from '../api';
import { cpuPercent, memoryUsed, type Stats } from '../format';

export const MAX_STREAMS = 3;

export interface Sample {
  cpu: number;
  mem: number;
  limit: number;
}

export function useLiveStats(ids: string[]): Map<string, Sample> {
  const [samples, setSamples] = useState(new Map<string, Sample>());
  const streams = useRef(new Map<string, AbortController>());
  const key = ids.slice(0, MAX_STREAMS).join(',');
  useEffect(() => {
    const want = new Set(ids.slice(0, MAX_STREAMS));
    for (const [id, ctl] of streams.current) {
      if (!want.has(id)) (ctl.abort(), streams.current.delete(id));
    }
    for (const id of want) {
      if (streams.current.has(id)) continue;
      const ctl = new AbortController();
      streams.current.set(id, ctl);
      jsonLines<Stats>('GET', `/containers/${id}/stats?stream=1`, (s) => {
        setSamples((m) => new Map(m).set(id, { cpu: cpuPercent(s), mem: memoryUsed(s), limit: s.memory_stats.limit ?? 0 }));
      }, ctl.signal)
        .catch(() => {})
        .finally(() => streams.current.get(id) === ctl && streams.current.delete(id));
    }
  }, [key]);
  useEffect(() => () => streams.current.forEach((c) => c.abort()), []);
  return samples;
}
