// Live logs: one followed /logs stream. Without a TTY the Engine API frames
// each chunk with an 8-byte header (stream 1 stdout / 2 stderr, 4-byte size),
// which is how stdout and stderr are told apart here; with a TTY there is
// one raw stream.
import { useEffect, useRef, useState } from 'preact/hooks';
import { byteStream } from '../api';
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
  const [error, setError] = useState<string>();
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const ctl = new AbortController();
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    const partial = { stdout: '', stderr: '' };
    const add = (stream: 'stdout' | 'stderr', data: Uint8Array) => {
      const text = partial[stream] + decoders[stream].decode(data, { stream: true });
      const parts = text.split('\n');
      partial[stream] = parts.pop()!;
      if (parts.length) setLines((old) => [...old, ...parts.map((t) => ({ stream, text: t }))].slice(-MAX_LINES));
    };
    const onChunk = props.tty ? (c: Uint8Array) => add('stdout', c) : demuxer((s, d) => add(s === 2 ? 'stderr' : 'stdout', d));
    byteStream(`/containers/${props.id}/logs?follow=1&stdout=1&stderr=1&tail=1000`, onChunk, ctl.signal).catch((e) => {
      if (!ctl.signal.aborted) setError(e.message);
    });
    return () => ctl.abort();
  }, [props.id]);
  useEffect(() => {
    if (follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines, follow]);
  return (
    <>
      <label class="inline">
        <input type="checkbox" checked={follow} onChange={(e) => setFollow((e.target as HTMLInputElement).checked)} /> follow
      </label>
      <span class="legend">
        <span class="stdout">stdout</span> <span class="stderr">stderr</span>
      </span>
      <ErrorLine error={error} />
      <pre class="logs" id="logs" ref={box}>
        {lines.map((l) => (
          <div class={l.stream}>{l.text}</div>
        ))}
      </pre>
    </>
  );
}
