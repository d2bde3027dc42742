// Pull: POST /images/create?fromImage=…&tag=…, its progress per layer.
import { useState } from 'preact/hooks';
import { registryAuthHeader, registryOf } from '../../registry-auth';
import { CredentialsFields } from './credentials';
import { Layers, splitRef, useProgress } from './progress';

export function Pull() {
  const [ref, setRef] = useState('');
  const [creds, setCreds] = useState({ username: '', password: '' });
  const p = useProgress();
  const start = (e: Event) => {
    e.preventDefault();
    const [name, tag = 'latest'] = splitRef(ref.trim());
    p.run(`/images/create?fromImage=${encodeURIComponent(name)}&tag=${encodeURIComponent(tag)}`, registryAuthHeader(creds, registryOf(name)));
  };
  return (
    <form class="pull" onSubmit={start}>
      <input placeholder="image to pull, e.g. registry:5000/app:1.0" value={ref} onInput={(e) => setRef((e.target as HTMLInputElement).value)} />
      <button disabled={p.busy || !ref.trim()}>Pull</button>
      <CredentialsFields value={creds} onChange={setCreds} />
      <Layers layers={p.layers} status={p.status} />
    </form>
  );
}
