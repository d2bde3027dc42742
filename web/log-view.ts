// The logs tab's choices, pure: which lines a search keeps, and the query of
// the /logs request for a --tail and --since choice.

export const TAILS = ['100', '1000', 'all'] as const;
export const SINCES: [label: string, seconds: number][] = [
  ['from the start', 0],
  ['last 5 minutes', 300],
  ['last hour', 3600],
  ['last 24 hours', 86400],
];

/** A line matches a search case-insensitively; an empty search keeps every line. */
export const matches = (text: string, search: string): boolean => !search || text.toLowerCase().includes(search.toLowerCase());

/** The followed /logs request's query: `tail` lines (or all), written since `seconds` ago (0: any time). */
export function logsQuery(tail: string, seconds: number, nowMs = Date.now()): string {
  const q = ['follow=1', 'stdout=1', 'stderr=1', `tail=${tail}`];
  if (seconds > 0) q.push(`since=${Math.floor(nowMs / 1000) - seconds}`);
  return q.join('&');
}
