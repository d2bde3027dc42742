// Small pieces every page uses: a confirmation dialog in the page (not
// window.confirm, which blocks the event stream and cannot be styled), an
// error line, and a hook that loads a value and reloads it on demand.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';

export function Confirm(props: { text: string; action: string; onYes: () => void; onNo: () => void; children?: ComponentChildren }) {
  return (
    <div class="modal" role="dialog" aria-modal="true">
      <div class="box">
        <p>{props.text}</p>
        {props.children}
        <div class="buttons">
          <button onClick={props.onNo}>Cancel</button>
          <button class="danger" onClick={props.onYes}>
            {props.action}
          </button>
        </div>
      </div>
    </div>
  );
}

export const ErrorLine = (p: { error?: string }) => (p.error ? <p class="error">{p.error}</p> : null);

/** Loads with `load` at first and on every reload(); keeps the last value while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): { value?: T; error?: string; reload: () => void } {
  const [value, setValue] = useState<T>();
  const [error, setError] = useState<string>();
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((v) => live && (setValue(v), setError(undefined)))
      .catch((e) => live && setError(String(e.message ?? e)));
    return () => void (live = false);
  }, [n, ...deps]);
  return { value, error, reload: useCallback(() => setN((x) => x + 1), []) };
}

export const Section = (p: { title: string; children: ComponentChildren }) => (
  <section>
    <h2>{p.title}</h2>
    {p.children}
  </section>
);

export const ago = (unixSeconds: number): string => {
  const s = Math.max(0, Date.now() / 1000 - unixSeconds);
  if (s < 60) return `${Math.floor(s)} seconds ago`;
  if (s < 3600) return `${Math.floor(s / 60)} minutes ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} hours ago`;
  return `${Math.floor(s / 86400)} days ago`;
};

/** A table's header row from its column titles. */
export const Head = (p: { cols: string[] }) => (
  <thead>
    <tr>
      {p.cols.map((c) => (
        <th>{c}</th>
      ))}
    </tr>
  </thead>
);
