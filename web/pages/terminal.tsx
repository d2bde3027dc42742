// A shell in the container: an exec with a TTY, started over a websocket
// (/exec/{id}/start/ws), drawn by xterm.js. Keys go out as messages; the
// TTY's output comes back as binary messages; resizes go to /exec/{id}/resize.
import { useEffect, useRef, useState } from 'preact/hooks';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { post, socketTo } from '../api';

export function TerminalTab(props: { id: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [state, setState] = useState('connecting…');
  useEffect(() => {
    const term = new Terminal({ fontFamily: 'monospace', fontSize: 14, cursorBlink: true });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el.current!);
    fit.fit();
    let ws: WebSocket | undefined;
    let closed = false;
    (async () => {
      const exec = (await post(`/containers/${props.id}/exec`, {
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        Env: ['TERM=xterm-256color'],
        Cmd: ['/bin/sh', '-c', 'command -v bash >/dev/null && exec bash || exec sh'],
      })) as { Id: string };
      if (closed) return;
      ws = socketTo(`/exec/${exec.Id}/start/ws?h=${term.rows}&w=${term.cols}`);
      ws.onopen = () => setState('connected');
      ws.onclose = () => setState('ended');
      ws.onmessage = (m) => term.write(typeof m.data === 'string' ? m.data : new Uint8Array(m.data as ArrayBuffer));
      term.onData((d) => ws?.readyState === WebSocket.OPEN && ws.send(d));
      term.onResize(({ rows, cols }) => void post(`/exec/${exec.Id}/resize?h=${rows}&w=${cols}`).catch(() => {}));
      term.focus();
    })().catch((e) => setState(`failed: ${e.message}`));
    const onResize = () => fit.fit();
    addEventListener('resize', onResize);
    return () => {
      closed = true;
      removeEventListener('resize', onResize);
      ws?.close();
      term.dispose();
    };
  }, [props.id]);
  return (
    <>
      <p class="dim" id="terminal-state">{state}</p>
      <div class="terminal" id="terminal" ref={el} />
    </>
  );
}
