// POST /containers/create as the docker CLI does it for run and create:
// --cidfile checks, "Unable to find image" on a missing image, warnings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cli } from './context';
import { isNotFound } from './errors';
import { buildCreatePlan, type ContainerFlags, type CreatePlan } from './opts/container';
import { StatusError, withHelp } from './errors';
import { consoleSize } from './streams';
import { familiarString, tagNameOnly, tryParseNamed } from './opts/reference';

/** run/create flags and arguments → the create request; bad flags exit 125 with the command's help line. */
export function planFromFlags(cli: Cli, flags: ContainerFlags, args: string[], command: 'run' | 'create'): CreatePlan {
  try {
    return buildCreatePlan(flags, args, {
      readFile: (p) => fs.readFileSync(p, 'utf8'),
      lookupEnv: (k) => cli.env[k],
      abs: (p) => path.resolve(p),
      consoleSize: consoleSize(cli),
    });
  } catch (err) {
    throw new StatusError(125, withHelp(err, command));
  }
}

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
  const named = plan.body.Image ? tryParseNamed(plan.body.Image) : undefined;
  const pull = async (): Promise<void> => {
    const { pullImage } = require('./commands/pull') as typeof import('./commands/pull');
    // docker shows the pull's progress on stderr, keeping stdout for the container
    await pullImage(cli, tagNameOnly(named!), { platform: plan.platform, quiet: opts.quiet, out: 'stderr' });
  };
  if (named && plan.pull === 'always') await pull();
  let res;
  try {
    res = await client.containers.create(plan.body, { name: plan.name, platform: plan.platform });
  } catch (err) {
    if (!(isNotFound(err) && named && plan.pull !== 'never' && plan.pull !== 'always')) throw err;
    if (!opts.quiet) cli.printErr(`Unable to find image '${familiarString(tagNameOnly(named))}' locally`);
    await pull();
    res = await client.containers.create(plan.body, { name: plan.name, platform: plan.platform });
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
