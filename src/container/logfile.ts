// Reads the log conmon writes (the CRI "k8s-file" format): one record per
// line, `<RFC3339Nano time> <stdout|stderr> <F|P> <content>`, P marking a
// partial line continued by the next record.

export interface LogRecord {
  /** As written by conmon, e.g. 2026-11-24T18:19:35.561417770+00:00 */
  time: string;
  stream: 'stdout' | 'stderr';
  partial: boolean;
  content: Buffer;
}

export function parseRecord(line: Buffer): LogRecord | null {
  const s1 = line.indexOf(0x20);
  if (s1 < 0) return null;
  const s2 = line.indexOf(0x20, s1 + 1);
  if (s2 < 0) return null;
  const s3 = line.indexOf(0x20, s2 + 1);
  const tag = line.subarray(s2 + 1, s3 < 0 ? line.length : s3).toString();
  const stream = line.subarray(s1 + 1, s2).toString();
  if (stream !== 'stdout' && stream !== 'stderr') return null;
  return {
    time: line.subarray(0, s1).toString(),
    stream,
    partial: tag === 'P',
    content: s3 < 0 ? Buffer.alloc(0) : line.subarray(s3 + 1),
  };
}

/** Splits a byte stream into lines, keeping the unfinished tail for the next chunk. */
export class LineSplitter {
  private rest: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, onLine: (line: Buffer) => void): void {
    let buf = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      onLine(buf.subarray(start, nl));
      start = nl + 1;
    }
    this.rest = Buffer.from(buf.subarray(start));
    buf = this.rest;
  }
}

/** conmon's time → nanoseconds since the epoch (for --since/--until). */
export function timeNanos(t: string): bigint {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(t);
  if (!m) return 0n;
  const secs = BigInt(Date.parse(`${m[1]}${m[3]}`)) / 1000n;
  const frac = BigInt(((m[2] ?? '') + '000000000').slice(0, 9));
  return secs * 1_000_000_000n + frac;
}

/** Docker prints times as Go's RFC3339Nano in UTC: trailing zeros of the fraction dropped. */
export function dockerTime(t: string): string {
  const ns = timeNanos(t);
  const secs = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  const base = new Date(Number(secs) * 1000).toISOString().slice(0, 19);
  return `${base}${frac ? '.' + frac : ''}Z`;
}

/** since/until as the API takes them: Unix seconds with an optional fraction ("1700000000.5"). */
export function parseApiTime(v: string | null): bigint | undefined {
  if (!v) return undefined;
  const m = /^(\d+)(?:\.(\d{1,9}))?$/.exec(v.trim());
  if (!m) return undefined;
  return BigInt(m[1]) * 1_000_000_000n + BigInt((m[2] ?? '').padEnd(9, '0') || '0');
}
