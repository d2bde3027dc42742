// Live logs: one followed /logs stream. Without a TTY the Engine API frames
// each chunk with an 8-byte header (stream 1 stdout / 2 stderr, 4-byte size),
// which is how stdout and stderr are told apart here; with a TTY there is
// one raw stream. A search narrows what is shown; pause holds new lines back
// (they still arrive) until resumed; the tail and since choices start the
// stream again with `tail=` / `since=`, as `docker logs --tail --since`.
import { useEffect, useRef, useState } from 'preact/hooks';
import { byteStream } from '../api';
import { logsQuery, matches, SINCES, TAILS } from '../log-view';
import { ErrorLine } from '../widgets';

interface Line {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** Splits the multiplexed stream into (stream, bytes) frames, keeping a partial frame for the next chunk. */
export function demuxer(each: (stream: number, data: Uint8Array) => void): (chunk: Uint8Array) => void {
  let buf = new Uint8Array(0);
  return (chunk) => {
    const next = new Uint8Array(buf.length + chunk.length);
    next.set(buf);
    next.set(chunk, buf.length);
    buf = next;
    while (buf.length >= 8) {
      const size = new DataView(buf.buffer, buf.byteOffset).getUint32(4);
      if (buf.length < 8 + size) break;
      each(buf[0], buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
  };
}

const MAX_LINES = 5000;

export function LogsTab(props: { id: string; tty: boolean }) {
  const [lines, setLines] = useState<Line[]>([]);
  const [follow, setFollow] = useState(true);
  const [search, setSearch] = useState('');
  const [paused, setPaused] = useState(false);
  const [held, setHeld] = useState(0);
  const [tail, setTail] = useState<string>('1000');
  const [since, setSince] = useState(0);
  const [error, setError] = useState<string>();
  const box = useRef<HTMLPreElement>(null);
  /** Lines that came while paused, shown on resume. */
  const holding = useRef<Line[] | null>(null);
  const show = (more: Line[]) => setLines((old) => [...old, ...more].slice(-MAX_LINES));
  const togglePause = () => {
    if (holding.current) (show(holding.current), (holding.current = null), setHeld(0), setPaused(false));
    else (holding.current = []), setPaused(true);
  };
  useEffect(() => {
    setLines([]);
    const ctl = new AbortController();
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const partial = { stdout: '', stderr: '' };
    const add = (stream: 'stdout' | 'stderr', data: Uint8Array) => {
      const text = partial[stream] + decoders[stream].decode(data, { stream: true });
      const parts = text.split('\n');
      partial[stream] = parts.pop()!;
      if (!parts.length) return;
      const more = parts.map((t) => ({ stream, text: t }));
      if (holding.current) (holding.current.push(...more), setHeld(holding.current.length));
      else show(more);
    };
    const onChunk = props.tty ? (c: Uint8Array) => add('stdout', c) : demuxer((s, d) => add(s === 2 ? 'stderr' : 'stdout', d));
    byteStream(`/containers/${props.id}/logs?${logsQuery(tail, since)}`, onChunk, ctl.signal).catch((e) => {
      if (!ctl.signal.aborted) setError(e.message);
    });
    return () => ctl.abort();
  }, [props.id, tail, since]);
  const shown = lines.filter((l) => matches(l.text, search));
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);
  return (
    <>
      <div class="toolbar logs-tools">
        <input type="search" name="log-search" placeholder="search the logs" value={search} onInput={(e) => setSearch((e.target as HTMLInputElement).value)} />
        <button id="logs-pause" onClick={togglePause}>
          {paused ? `resume${held ? ` (${held} new)` : ''}` : 'pause'}
        </button>
        <label>
          tail{' '}
          <select name="tail" value={tail} onChange={(e) => setTail((e.target as HTMLSelectElement).value)}>
            {TAILS.map((t) => (
              <option value={t}>{t}</option>
            ))}
          </select>
        </label>
        <select name="since" value={String(since)} onChange={(e) => setSince(Number((e.target as HTMLSelectElement).value))}>
          {SINCES.map(([label, secs]) => (
            <option value={String(secs)}>{label}</option>
          ))}
        </select>
        <span class="dim" id="logs-count">
          {search ? `${shown.length} of ${lines.length} lines` : `${lines.length} lines`}
        </span>
      </div>
      <label class="inline">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} /> follow
      </label>
      <span class="legend">
        <span class="stdout">stdout</span> <span class="stderr">stderr</span>
      </span>
      <ErrorLine error={error} />
      <pre class="logs" id="logs" ref={box}>
        {shown.map((l) => (
          <div class={l.stream}>{l.text}</div>
        ))}
      </pre>
    </>
  );
}
