// Detach keys (default ctrl-p,ctrl-q), the API's `detachKeys` parameter:
// both ends watch a TTY's stdin for the sequence (moby/term's EscapeProxy) —
// docker's CLI and berth's so they know they detached, berthd for clients
// that leave it to the daemon — and leave the container running when it is
// typed. Bytes of a partial sequence are held back and sent on if the
// sequence breaks. Shared here because it defines the wire parameter.

const CTRL = ['@', ...'abcdefghijklmnopqrstuvwxyz', '[', '\\', ']', '^', '_'].map((c) => `ctrl-${c}`);
export const DEFAULT_DETACH_KEYS = Buffer.from([16, 17]); // ctrl-p, ctrl-q

/** term.ToBytes: "ctrl-p,ctrl-q" -> [16, 17]; single characters stand for themselves. */
export function detachKeysToBytes(keys: string): Buffer {
  const codes: number[] = [];
  for (const key of keys.split(',')) {
    if (key.length === 1) {
      codes.push(key.charCodeAt(0));
      continue;
    }
    const i = CTRL.indexOf(key);
    if (i >= 0) codes.push(i);
    else if (key === 'DEL') codes.push(127);
    else throw new Error(`Unknown character: '${key}'`);
  }
  return Buffer.from(codes);
}

export class EscapeProxy {
  private pos = 0;
  constructor(private readonly keys: Buffer = DEFAULT_DETACH_KEYS) {}

  /** Bytes to forward for this chunk, and whether the full sequence was typed. */
  push(chunk: Buffer): { forward: Buffer; detach: boolean } {
    if (this.keys.length === 0) return { forward: chunk, detach: false };
    const out: number[] = [];
    for (const b of chunk) {
      if (b === this.keys[this.pos]) {
        this.pos++;
        if (this.pos === this.keys.length) return { forward: Buffer.from(out), detach: true };
        continue;
      }
      if (this.pos > 0) {
        out.push(...this.keys.subarray(0, this.pos));
        this.pos = 0;
      }
      if (b === this.keys[0]) this.pos = 1;
      else out.push(b);
    }
    return { forward: Buffer.from(out), detach: false };
  }
}
