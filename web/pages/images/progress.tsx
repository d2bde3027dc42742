// Per-layer progress of a pull or a push, drawn from the JSON-lines stream
// the API sends (the same messages `docker pull` / `docker push` draw).
import { useState } from 'preact/hooks';
import { jsonLines } from '../../api';
import { bytes } from '../../format';

export interface Progress {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message: string };
}

/** Runs one progress stream at a time; its layers and its last status line. */
export function useProgress() {
  const [layers, setLayers] = useState(new Map<string, Progress>());
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const run = (path: string, headers?: Record<string, string>) => {
    setLayers(new Map());
    setStatus('…');
    setBusy(true);
    jsonLines<Progress>('POST', path, (p) => {
      if (p.error) setStatus(`error: ${p.errorDetail?.message ?? p.error}`);
      else if (p.id && p.progressDetail !== undefined) setLayers((m) => new Map(m).set(p.id!, merge(m.get(p.id!), p)));
      else if (p.status) setStatus(p.status);
    }, new AbortController().signal, undefined, headers)
      .catch((err) => setStatus(`error: ${err.message}`))
      .finally(() => setBusy(false));
  };
  return { layers, status, busy, run };
}

export function Layers(p: { layers: Map<string, Progress>; status?: string }) {
  return (
    <>
      {p.status && <span class="dim"> {p.status}</span>}
      {[...p.layers.values()].map((l) => {
        const d = l.progressDetail ?? {};
        return (
          <div class="layer">
            <span class="mono">{l.id}</span> {l.status} {d.total ? <progress max={d.total} value={d.current ?? 0} /> : null}
            {d.total ? <span class="dim"> {bytes(d.current)} / {bytes(d.total)}</span> : null}
          </div>
        );
      })}
    </>
  );
}

/** A layer's latest message, keeping the size learnt from earlier messages: done is drawn as a full bar. */
function merge(old: Progress | undefined, p: Progress): Progress {
  const total = p.progressDetail?.total ?? old?.progressDetail?.total;
  const done = /complete|Already exists|Pushed|Layer already exists/.test(p.status ?? '');
  return { ...p, progressDetail: { total, current: done ? total : (p.progressDetail?.current ?? old?.progressDetail?.current) } };
}

/** name[:tag] where a ':' after the last '/' starts the tag (a registry's port does not). */
export function splitRef(ref: string): [string, string | undefined] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
}
