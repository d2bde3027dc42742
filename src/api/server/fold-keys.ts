// Go's encoding/json matches object keys to struct fields case-insensitively,
// so dockerd reads `detachKeys` as DetachKeys (docker-py sends it that way
// from the client's config file). Folding a body's keys onto the field names
// we know gives our handlers the same view.
export function foldKeys<T>(body: unknown, fields: readonly string[]): T {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body as T;
  const canonical = new Map(fields.map((f) => [f.toLowerCase(), f]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const name = canonical.get(k.toLowerCase()) ?? k;
    // An exact match wins over a differently-cased duplicate, whatever the order.
    if (name in out && k !== name) continue;
    out[name] = v;
  }
  return out as T;
}
