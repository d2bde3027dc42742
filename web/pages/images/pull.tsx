// Pull: POST /images/create?fromImage=…&tag=…, its progress per layer.
import { useState } from 'preact/hooks';
import { Layers, splitRef, useProgress } from './progress';

export function Pull() {
  const [ref, setRef] = useState('');
  const p = useProgress();
  const start = (e: Event) => {
    e.preventDefault();
    const [name, tag = 'latest'] = splitRef(ref.trim());
    p.run(`/images/create?fromImage=${encodeURIComponent(name)}&tag=${encodeURIComponent(tag)}`);
  };
  return (
    <form class="pull" onSubmit={start}>
      <input placeholder="image to pull, e.g. registry:5000/app:1.0" value={ref} onInput={(e) => setRef((e.target as HTMLInputElement).value)} />
      <button disabled={p.busy || !ref.trim()}>Pull</button>
      <Layers layers={p.layers} status={p.status} />
    </form>
  );
}
