// Build: the context is a tar the user uploads as it is, or a folder picked
// in the browser and archived in the page; POST /build?t=… with it as the
// body, and the builder's output (its JSON-lines `stream` messages) shown as
// it comes.
import { useState } from 'preact/hooks';
import { jsonLines } from '../../api';
import { folderEntries, tar } from '../../tar';

interface BuildMessage {
  stream?: string;
  status?: string;
  error?: string;
  errorDetail?: { message: string };
  aux?: { ID?: string };
}

export function Build() {
  const [name, setName] = useState('');
  const [context, setContext] = useState<Blob>();
  const [what, setWhat] = useState('');
  const [out, setOut] = useState('');
  const [result, setResult] = useState<string>();
  const [busy, setBusy] = useState(false);
  const pickTar = (e: Event) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) (setContext(f), setWhat(f.name));
  };
  const pickFolder = async (e: Event) => {
    const files = (e.target as HTMLInputElement).files;
    if (!files?.length) return;
    const entries = await folderEntries(files);
    setContext(tar(entries));
    setWhat(`${entries.length} files`);
  };
  const start = (e: Event) => {
    e.preventDefault();
    if (!context) return;
    setOut('');
    setResult('building…');
    setBusy(true);
    let failed = false;
    const q = name.trim() ? `?t=${encodeURIComponent(name.trim())}` : '';
    jsonLines<BuildMessage>('POST', `/build${q}`, (m) => {
      if (m.stream) setOut((o) => o + m.stream);
      else if (m.status) setOut((o) => o + m.status + '\n');
      if (m.error) (failed = true), setResult(`error: ${m.errorDetail?.message ?? m.error}`);
    }, new AbortController().signal, context)
      .then(() => !failed && setResult('built'))
      .catch((err) => setResult(`error: ${err.message}`))
      .finally(() => setBusy(false));
  };
  return (
    <form class="build" onSubmit={start}>
      <input name="t" placeholder="name for the image, e.g. app:dev" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
      <label>
        context as a tar <input type="file" name="tar" accept=".tar,.tar.gz,.tgz,application/x-tar,application/gzip" onChange={pickTar} />
      </label>
      <label>
        or a folder <input type="file" name="folder" {...{ webkitdirectory: true }} multiple onChange={pickFolder} />
      </label>
      <button disabled={busy || !context}>Build</button>
      {what && <span class="dim"> {what}</span>}
      {result && <span class="dim result"> {result}</span>}
      {out && <pre class="logs build-output">{out}</pre>}
    </form>
  );
}
