// The Run form: fills a create body and shows, as it is typed, the
// `docker run` line that would do the same; Run creates and starts it.
import { useState } from 'preact/hooks';
import { post } from '../api';
import { createBody, dockerRunLine, type RunForm } from '../format';
import { ErrorLine } from '../widgets';

const EMPTY: RunForm = { image: '', name: '', command: '', ports: '', env: '', volumes: '', restart: 'no', detach: true, autoRemove: false };

export function RunPage() {
  const [f, setF] = useState(EMPTY);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const field = (k: keyof RunForm, label: string, hint = '', area = false) => (
    <label>
      {label}
      {area ? (
        <textarea name={k} placeholder={hint} value={f[k] as string} onInput={(e) => setF({ ...f, [k]: (e.target as HTMLTextAreaElement).value })} />
      ) : (
        <input name={k} placeholder={hint} value={f[k] as string} onInput={(e) => setF({ ...f, [k]: (e.target as HTMLInputElement).value })} />
      )}
    </label>
  );
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const c = (await post(`/containers/create${f.name ? `?name=${encodeURIComponent(f.name)}` : ''}`, createBody(f))) as { Id: string };
      await post(`/containers/${c.Id}/start`);
      location.hash = `#/c/${c.Id}`;
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <h1>Run a container</h1>
      <form class="run" onSubmit={submit}>
        {field('image', 'Image', 'busybox')}
        {field('name', 'Name', 'optional')}
        {field('command', 'Command', "sh -c 'echo hi; sleep 3600'")}
        {field('ports', 'Ports (-p)', '8080:80, one per line', true)}
        {field('env', 'Environment (-e)', 'KEY=value, one per line', true)}
        {field('volumes', 'Volumes (-v)', 'name:/data, one per line', true)}
        <label>
          Restart
          <select value={f.restart} onChange={(e) => setF({ ...f, restart: (e.target as HTMLSelectElement).value })}>
            {['no', 'on-failure', 'always', 'unless-stopped'].map((r) => (
              <option value={r}>{r}</option>
            ))}
          </select>
        </label>
        <label class="inline">
          <input type="checkbox" checked={f.autoRemove} onChange={(e) => setF({ ...f, autoRemove: (e.target as HTMLInputElement).checked })} /> remove when it exits (--rm)
        </label>
        <pre class="cmdline" id="docker-run">{dockerRunLine(f)}</pre>
        <ErrorLine error={error} />
        <button disabled={busy || !f.image}>Run</button>
      </form>
    </>
  );
}
