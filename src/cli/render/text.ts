// Small text helpers shared by the list renderers, after docker/cli's formatter.
import { displayWidth } from '../format/tabwriter';

/** formatter.Ellipsis: cut to `max` display columns, ending in "…". */
export function ellipsis(s: string, max: number): string {
  if (max <= 0) return '';
  const runes = [...s];
  if (max === 1) return runes[0] ?? '';
  const widths = runes.map((r) => displayWidth(r));
  const total = widths.reduce((a, b) => a + b, 0);
  if (total <= max) return s;
  let acc = 0;
  let i = 0;
  for (; i < runes.length; i++) {
    if (acc + widths[i] > max - 1) break;
    acc += widths[i];
  }
  return runes.slice(0, i).join('') + '…';
}

/** Container names come as "/name"; docker shows them without the slash. */
export function stripNamePrefix(names: string[] | null | undefined): string[] {
  return (names ?? []).map((n) => (n.startsWith('/') ? n.slice(1) : n));
}

const pad = (n: number, w = 2): string => String(Math.trunc(Math.abs(n))).padStart(w, '0');

function zoneOffset(d: Date, colon: boolean): string {
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${sign}${pad(off / 60)}${colon ? ':' : ''}${pad(off % 60)}`;
}

function zoneAbbrev(d: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' })
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part && !/^GMT[+-]/.test(part)) return part === 'GMT' && d.getTimezoneOffset() === 0 && process.env.TZ !== 'GMT' ? 'UTC' : part;
  } catch {
    // no Intl data: fall through
  }
  const off = -d.getTimezoneOffset();
  return off % 60 === 0 ? zoneOffset(d, false).slice(0, 3) : zoneOffset(d, false);
}

/** Go's time.Time.String() in local time: "2024-01-02 15:04:05 +0000 UTC". */
export function goTimeString(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${zoneOffset(d, false)} ${zoneAbbrev(d)}`
  );
}

/** time.RFC3339 in local time: "2024-01-02T15:04:05Z" or "...+01:00". */
export function rfc3339(ms: number): string {
  const d = new Date(ms);
  const zone = d.getTimezoneOffset() === 0 ? 'Z' : zoneOffset(d, true);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

/** jsonmessage.RFC3339NanoFixed ("2006-01-02T15:04:05.000000000Z07:00") in local time, from Unix nanoseconds. */
export function rfc3339NanoFixed(nano: bigint): string {
  const ms = Number(nano / 1_000_000n);
  const base = rfc3339(ms);
  const frac = String(((nano % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n).padStart(9, '0');
  return base.replace(/^(.{19})/, `$1.${frac}`);
}
