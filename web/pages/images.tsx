// Images: the list with each one's history on demand, removal (confirmed),
// and a pull whose progress is drawn per layer from the JSON-lines stream
// POST /images/create sends (the same messages `docker pull` draws).
import { useEffect, useState } from 'preact/hooks';
import { del, getJSON, jsonLines } from '../api';
import { onEvent } from '../events';
import { bytes } from '../format';
import { ago, Confirm, ErrorLine, Head, useLoad } from '../widgets';

interface ImageSummary {
  Id: string;
  RepoTags: string[] | null;
  Size: number;
  Created: number;
}

interface Progress {
  id?: string;
  status?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message: string };
}

export function ImagesPage() {
  const list = useLoad(() => getJSON<ImageSummary[]>('/images/json'));
  const [open, setOpen] = useState<string>();
  const [removing, setRemoving] = useState<ImageSummary>();
  const [error, setError] = useState<string>();
  useEffect(() => onEvent((e) => e.Type === 'image' && list.reload()), []);
  return (
    <>
      <div class="toolbar">
        <h1>Images</h1>
      </div>
      <Pull />
      <ErrorLine error={error ?? list.error} />
      <table class="list" id="images">
        <Head cols={['Tags', 'ID', 'Created', 'Size', '']} />
        <tbody>
          {(list.value ?? []).flatMap((i) => [
            <tr key={i.Id} data-image={(i.RepoTags ?? [])[0] ?? '<none>'}>
              <td class="mono">{(i.RepoTags ?? ['<none>:<none>']).join(', ')}</td>
              <td class="mono">{i.Id.replace('sha256:', '').slice(0, 12)}</td>
              <td>{ago(i.Created)}</td>
              <td class="num">{bytes(i.Size)}</td>
              <td>
                <button onClick={() => setOpen(open === i.Id ? undefined : i.Id)}>history</button>
                <button class="danger" onClick={() => setRemoving(i)}>
                  remove
                </button>
              </td>
            </tr>,
            open === i.Id && (
              <tr key={`${i.Id}-h`}>
                <td colSpan={5}>
                  <History id={i.Id} />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
      {removing && (
        <Confirm
          text={`Remove image ${(removing.RepoTags ?? [removing.Id])[0]}?`}
          action="remove"
          onNo={() => setRemoving(undefined)}
          onYes={() => {
            const i = removing;
            setRemoving(undefined);
            del(`/images/${encodeURIComponent(i.Id)}`).then(() => setError(undefined), (e) => setError(e.message));
          }}
        />
      )}
    </>
  );
}

function History(props: { id: string }) {
  const h = useLoad(() => getJSON<{ Created: number; CreatedBy: string; Size: number }[]>(`/images/${encodeURIComponent(props.id)}/history`));
  return (
    <table class="list mono small">
      <tbody>
        {(h.value ?? []).map((l) => (
          <tr>
            <td>{ago(l.Created)}</td>
            <td class="wrap">{l.CreatedBy}</td>
            <td class="num">{bytes(l.Size)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Pull() {
  const [ref, setRef] = useState('');
  const [layers, setLayers] = useState(new Map<string, Progress>());
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const start = (e: Event) => {
    e.preventDefault();
    const [name, tag = 'latest'] = splitRef(ref.trim());
    setLayers(new Map());
    setStatus('pulling…');
    setBusy(true);
    const ctl = new AbortController();
    jsonLines<Progress>('POST', `/images/create?fromImage=${encodeURIComponent(name)}&tag=${encodeURIComponent(tag)}`, (p) => {
      if (p.error) setStatus(`error: ${p.errorDetail?.message ?? p.error}`);
      else if (p.id && p.progressDetail !== undefined) setLayers((m) => new Map(m).set(p.id!, merge(m.get(p.id!), p)));
      else if (p.status) setStatus(p.status);
    }, ctl.signal)
      .catch((err) => setStatus(`error: ${err.message}`))
      .finally(() => setBusy(false));
  };
  return (
    <form class="pull" onSubmit={start}>
      <input placeholder="image to pull, e.g. registry:5000/app:1.0" value={ref} onInput={(e) => setRef((e.target as HTMLInputElement).value)} />
      <button disabled={busy || !ref.trim()}>Pull</button>
      {status && <span class="dim"> {status}</span>}
      {[...layers.values()].map((l) => {
        const d = l.progressDetail ?? {};
        return (
          <div class="layer">
            <span class="mono">{l.id}</span> {l.status} {d.total ? <progress max={d.total} value={d.current ?? 0} /> : null}
            {d.total ? <span class="dim"> {bytes(d.current)} / {bytes(d.total)}</span> : null}
          </div>
        );
      })}
    </form>
  );
}

/** A layer's latest message, keeping the size learnt from the download's messages: done is drawn as a full bar. */
function merge(old: Progress | undefined, p: Progress): Progress {
  const total = p.progressDetail?.total ?? old?.progressDetail?.total;
  const done = /complete|Already exists/.test(p.status ?? '');
  return { ...p, progressDetail: { total, current: done ? total : (p.progressDetail?.current ?? old?.progressDetail?.current) } };
}

/** name[:tag] where a ':' after the last '/' starts the tag (a registry's port does not). */
function splitRef(ref: string): [string, string | undefined] {
  const at = ref.lastIndexOf(':');
  return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, undefined];
}
