// Ports of docker/go-units (v0.5.0, what docker/cli vendors): the sizes and
// durations `docker ps`, `docker images` and `docker system df` print, and
// the size parser behind --memory, --shm-size and friends. Ported rather
// than taken from npm because the thresholds and the "%.3g" rounding (Go
// rounds exact halves to even) must match docker's output exactly.

import { formatFloat } from './gofloat.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** units.HumanDuration: "Less than a second", "About a minute", "3 hours", "2 weeks", … */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / HOUR + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / HOUR) / 24 / 365)} years`;
}

/** "2 minutes ago", as docker prints a creation time (units.HumanDuration(now - t) + " ago"). */
export function timeAgo(dateMs: number, nowMs: number = Date.now()): string {
  return `${humanDuration(nowMs - dateMs)} ago`;
}

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, units: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]];
}

/**
 * units.HumanSizeWithPrecision: decimal units with `precision` significant
 * digits ("1.23MB", "4.26kB", "0B"). docker's listings use precision 3;
 * units.HumanSize is precision 4.
 */
export function humanSize(bytes: number, precision = 3): string {
  const [size, unit] = sizeAndUnit(bytes, 1000, DECIMAL_UNITS);
  return formatFloat(size, 'g', precision) + unit;
}

/** units.BytesSize: binary units, 4 significant digits ("1.5KiB", "512MiB"). */
export function bytesSize(bytes: number): string {
  const [size, unit] = sizeAndUnit(bytes, 1024, BINARY_UNITS);
  return formatFloat(size, 'g', 4) + unit;
}

const BINARY_MULTIPLIERS: Record<string, number> = {
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
  p: 1024 ** 5,
};

/** Go's strconv.ParseFloat syntax for decimal numbers (hex floats and "inf" are not sizes). */
const GO_FLOAT = /^[+-]?(\d[\d_]*(\.[\d_]*)?|\.\d[\d_]*)([eE][+-]?\d+)?$/;

/**
 * units.RAMInBytes: "512k", "5m", "1.5g", "100" (bytes), "2 GiB"; binary
 * multiples, case-insensitive, optional "b" or "ib" suffix. Throws Error
 * with go-units' messages ("invalid size: 'abc'", "invalid suffix: 'x'").
 */
export function parseBytes(str: string): number {
  let num: string;
  let sfx: string;
  const sep = Math.max(...[...'01234567890. '].map((c) => str.lastIndexOf(c)));
  if (sep === -1) throw new Error(`invalid size: '${str}'`); // there should be at least a digit
  if (str[sep] !== ' ') {
    num = str.slice(0, sep + 1);
    sfx = str.slice(sep + 1);
  } else {
    num = str.slice(0, sep);
    sfx = str.slice(sep + 1);
  }
  if (!GO_FLOAT.test(num) || /_/.test(num)) throw new Error(`strconv.ParseFloat: parsing "${num}": invalid syntax`);
  let size = Number(num);
  if (size < 0) throw new Error(`invalid size: '${str}'`);
  if (sfx.length === 0) return Math.trunc(size);
  const bad = (): never => {
    throw new Error(`invalid suffix: '${sfx}'`);
  };
  if (sfx.length > 3) bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === 'b') {
    if (sfx.length > 1) bad();
    return Math.trunc(size);
  }
  const mul = BINARY_MULTIPLIERS[sfx[0]];
  if (mul === undefined) bad();
  size *= mul;
  if ((sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) bad();
  return Math.trunc(size);
}

/** docker's short ID: without "sha256:", first 12 characters. */
export function truncateID(id: string): string {
  const i = id.indexOf(':');
  return (i >= 0 ? id.slice(i + 1) : id).slice(0, 12);
}
