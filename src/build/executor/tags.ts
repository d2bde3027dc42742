// What a build request is checked against before the builder itself is
// loaded: berthd loads the executor on the first build only (idle memory).
import { invalidArgument } from '../../errdefs';
import { parseNormalizedNamed } from '../../image';

/** Image reference a FROM scratch stage's containers are made from. */
export const SCRATCH = 'scratch';

/** Parses and normalises -t values before anything is read (Docker refuses them up front). */
export function checkTags(tags: string[]): void {
  for (const t of tags) {
    const ref = parseNormalizedNamed(t);
    if (ref.digest !== undefined) throw invalidArgument(`invalid reference format: ${t}`);
  }
}
