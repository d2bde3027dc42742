// What a benchmark case is: a function that measures both engines and
// returns rows of samples, each with the target for berth/Docker.
import type { Engine } from '../engines';

export interface Target {
  /** '<=': berth/Docker must be at most `ratio` (times, memory); '>=': at least (throughput). */
  op: '<=' | '>=';
  ratio: number;
}

export interface Row {
  id: string;
  what: string;
  unit: 'ms' | 'KiB' | 'MB/s';
  target: Target;
  berth: number[];
  docker: number[];
  note?: string;
  /**
   * What the two columns are when a row does not compare berth with Docker
   * (e.g. berthd with the dashboard open vs berthd without it); the table
   * prints these instead of "berth" and "Docker".
   */
  labels?: { berth: string; docker: string };
}

export interface Engines {
  berth: Engine;
  docker: Engine;
}

export interface BenchCase {
  id: string;
  run(e: Engines, quick: boolean): Promise<Row[]>;
}

/**
 * n samples of each engine, alternating (and swapping who goes first every
 * round) so that the machine's drift hits both alike.
 */
export async function alternate(n: number, e: Engines, sample: (engine: Engine) => Promise<number>): Promise<{ berth: number[]; docker: number[] }> {
  const out = { berth: [] as number[], docker: [] as number[] };
  for (let i = 0; i < n; i++) {
    const order: Engine[] = i % 2 ? [e.docker, e.berth] : [e.berth, e.docker];
    for (const engine of order) out[engine.name].push(await sample(engine));
  }
  return out;
}
