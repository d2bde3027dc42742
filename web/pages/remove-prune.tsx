// What the volumes and networks pages share: a remove button a row and a
// prune button, each confirmed in the page, the error line and the note of
// what a prune took. `prune` answers with that note.
import { useState } from 'preact/hooks';
import { del } from '../api';
import { Confirm, ErrorLine } from '../widgets';

export interface RemovePruneOptions {
  /** 'volume' or 'network': the dialogs' words and the buttons' ids */
  kind: string;
  /** DELETE path of one, by name */
  path: (name: string) => string;
  prune: () => Promise<string>;
  /** what prune takes, asked in its dialog */
  pruneText: string;
  reload: () => void;
}

export function useRemovePrune(o: RemovePruneOptions) {
  const [removing, setRemoving] = useState<string>();
  const [pruning, setPruning] = useState(false);
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string>();
  const fail = (e: Error) => setError(e.message);
  const done = () => (setError(undefined), o.reload());
  return {
    fail,
    done,
    removeButton: (name: string) => (
      <button class="danger" onClick={() => setRemoving(name)}>
        remove
      </button>
    ),
    pruneButton: (
      <>
        <button class="danger" id={`prune-${o.kind}s`} onClick={() => setPruning(true)}>
          prune unused
        </button>
        {note && <span class="dim" id="prune-note">{note}</span>}
      </>
    ),
    errorLine: (loadError?: string) => <ErrorLine error={error ?? loadError} />,
    dialogs: (
      <>
        {removing && (
          <Confirm
            text={`Remove ${o.kind} ${removing}?`}
            action="remove"
            onNo={() => setRemoving(undefined)}
            onYes={() => {
              const name = removing;
              setRemoving(undefined);
              del(o.path(name)).then(done, fail);
            }}
          />
        )}
        {pruning && (
          <Confirm
            text={o.pruneText}
            action="prune"
            onNo={() => setPruning(false)}
            onYes={() => {
              setPruning(false);
              o.prune().then((n) => (setNote(n), done()), fail);
            }}
          />
        )}
      </>
    ),
  };
}
