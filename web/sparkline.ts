// Pure helpers for the list's sparklines: a fixed-length history per
// container, and the SVG polyline points of one series (no DOM, so node tests it).

/** Samples kept per container: a minute at one stats sample a second. */
export const HISTORY = 60;

/** The series with v appended, the oldest samples dropped past HISTORY (a new array: preact sees the change). */
export function pushSample(series: readonly number[], v: number, max = HISTORY): number[] {
  const out = series.length >= max ? series.slice(series.length - max + 1) : series.slice();
  out.push(v);
  return out;
}

/**
 * `points` of an SVG polyline w×h for the series, right-aligned (the newest
 * sample at the right edge, one step per sample of HISTORY), scaled so `top`
 * (at least the series' peak) is the top edge and 0 the bottom.
 */
export function sparkPoints(series: readonly number[], w: number, h: number, top = 0, slots = HISTORY): string {
  const peak = Math.max(top, ...series, Number.MIN_VALUE);
  const step = w / Math.max(1, slots - 1);
  const x0 = w - (series.length - 1) * step;
  return series.map((v, i) => `${round(x0 + i * step)},${round(h - (Math.max(0, v) / peak) * h)}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
