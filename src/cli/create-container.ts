// POST /containers/create as the docker CLI does it for run and create:
// --cidfile checks, "Unable to find image" on a missing image, warnings.
import * as fs from 'node:fs';
import type { Cli } from './context';
import { isNotFound } from './errors';
import type { CreatePlan } from './opts/container';
import { familiarString, tagNameOnly, tryParseNamed } from './opts/reference';

export interface CreateOptions {
  cidfile?: string;
  quiet?: boolean;
}

/** Returns the new container's ID. Errors are the client's (callers wrap them). */
export async function createContainer(cli: Cli, plan: CreatePlan, opts: CreateOptions = {}): Promise<string> {
  if (opts.cidfile && fs.existsSync(opts.cidfile)) {
    throw new Error(`container ID file found, make sure the other container isn't running or delete ${opts.cidfile}`);
  }
  const client = cli.client();
  let res;
  try {
    res = await client.containers.create(plan.body, { name: plan.name, platform: plan.platform });
  } catch (err) {
    const named = plan.body.Image ? tryParseNamed(plan.body.Image) : undefined;
    if (isNotFound(err) && named && plan.pull !== 'never' && !opts.quiet) {
      // berth cannot pull yet: say what docker says, then report the daemon's error
      cli.printErr(`Unable to find image '${familiarString(tagNameOnly(named))}' locally`);
    }
    throw err;
  }
  for (const w of res.Warnings ?? []) cli.printErr(`WARNING: ${w}`);
  if (opts.cidfile) {
    try {
      fs.writeFileSync(opts.cidfile, res.Id, { flag: 'wx' });
    } catch (err) {
      throw new Error(`failed to write the container ID to the file: ${(err as Error).message}`);
    }
  }
  return res.Id;
}
