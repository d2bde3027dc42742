// Images: the list with each one's history on demand, tag and push from an
// opened row, removal and prune (confirmed), a pull and a build.
import { useEffect, useState } from 'preact/hooks';
import { del, getJSON, post } from '../../api';
import { onEvent } from '../../events';
import { bytes } from '../../format';
import { ago, Confirm, ErrorLine, Head, useLoad } from '../../widgets';
import { Pull } from './pull';
import { Build } from './build';
import { TagPush } from './tag-push';

interface ImageSummary {
  Id: string;
  RepoTags: string[] | null;
  Size: number;
  Created: number;
}

type Open = { id: string; what: 'history' | 'tag' };

export function ImagesPage() {
  const list = useLoad(() => getJSON<ImageSummary[]>('/images/json'));
  const [open, setOpen] = useState<Open>();
  const [removing, setRemoving] = useState<ImageSummary>();
  const [pruning, setPruning] = useState(false);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  useEffect(() => onEvent((e) => e.Type === 'image' && list.reload()), []);
  const toggle = (id: string, what: Open['what']) => setOpen(open?.id === id && open.what === what ? undefined : { id, what });
  const prune = () => {
    setPruning(false);
    post('/images/prune').then((r) => {
      const res = r as { ImagesDeleted?: unknown[] | null; SpaceReclaimed?: number };
      setNote(`pruned ${(res.ImagesDeleted ?? []).length} images, reclaimed ${bytes(res.SpaceReclaimed ?? 0)}`);
      list.reload();
    }, (e) => setError(e.message));
  };
  return (
    <>
      <div class="toolbar">
        <h1>Images</h1>
        <button class="danger" id="prune-images" onClick={() => setPruning(true)}>
          prune dangling
        </button>
        {note && <span class="dim" id="prune-note">{note}</span>}
      </div>
      <Pull />
      <Build />
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
                <button onClick={() => toggle(i.Id, 'history')}>history</button>
                <button onClick={() => toggle(i.Id, 'tag')}>tag / push</button>
                <button class="danger" onClick={() => setRemoving(i)}>
                  remove
                </button>
              </td>
            </tr>,
            open?.id === i.Id && (
              <tr key={`${i.Id}-${open.what}`} class="opened">
                <td colSpan={5}>{open.what === 'history' ? <History id={i.Id} /> : <TagPush id={i.Id} tags={i.RepoTags ?? []} />}</td>
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
      {pruning && <Confirm text="Remove every dangling image (no tag, no container)?" action="prune" onNo={() => setPruning(false)} onYes={prune} />}
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
