// An image's row, opened: tag it under another name (POST /images/{id}/tag)
// and push one of its names (POST /images/{name}/push, progress per layer).
import { useState } from 'preact/hooks';
import { post } from '../../api';
import { ErrorLine } from '../../widgets';
import { registryAuthHeader, registryOf } from '../../registry-auth';
import { CredentialsFields } from './credentials';
import { Layers, splitRef, useProgress } from './progress';

export function TagPush(props: { id: string; tags: string[] }) {
  const [newRef, setNewRef] = useState('');
  const [error, setError] = useState<string>();
  const [pushRef, setPushRef] = useState(props.tags[0] ?? '');
  const [creds, setCreds] = useState({ username: '', password: '' });
  const p = useProgress();
  const tag = (e: Event) => {
    e.preventDefault();
    const [repo, t = 'latest'] = splitRef(newRef.trim());
    post(`/images/${encodeURIComponent(props.id)}/tag?repo=${encodeURIComponent(repo)}&tag=${encodeURIComponent(t)}`).then(
      () => (setError(undefined), setPushRef(`${repo}:${t}`), setNewRef('')),
      (err) => setError(err.message),
    );
  };
  const push = (e: Event) => {
    e.preventDefault();
    const [name, t = 'latest'] = splitRef(pushRef);
    p.run(`/images/${encodeURIComponent(name)}/push?tag=${encodeURIComponent(t)}`, registryAuthHeader(creds, registryOf(name)));
  };
  return (
    <div class="tag-push">
      <form class="tag" onSubmit={tag}>
        <input placeholder="new name, e.g. registry:5000/app:1.0" value={newRef} onInput={(e) => setNewRef((e.target as HTMLInputElement).value)} />
        <button disabled={!newRef.trim()}>Tag</button>
      </form>
      <ErrorLine error={error} />
      <form class="push" onSubmit={push}>
        <select value={pushRef} onChange={(e) => setPushRef((e.target as HTMLSelectElement).value)}>
          {[...new Set([...props.tags, pushRef])].filter(Boolean).map((t) => (
            <option value={t}>{t}</option>
          ))}
        </select>
        <button disabled={p.busy || !pushRef}>Push</button>
        <CredentialsFields value={creds} onChange={setCreds} />
        <Layers layers={p.layers} status={p.status} />
      </form>
    </div>
  );
}
