// berth top CONTAINER [ps OPTIONS]
import type { ContainerTopResponse } from '../../client';
import { MinArgs, type BerthCommand } from '../command';
import { tabwrite } from '../format/tabwriter';

/** A top answer as a table: the titles, then one line per process. Also compose top's. */
export function topTable(top: ContainerTopResponse, minwidth: number): string {
  let text = `${(top.Titles ?? []).join('\t')}\n`;
  for (const proc of top.Processes ?? []) text += `${proc.join('\t')}\n`;
  return tabwrite(text, { minwidth });
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER [ps OPTIONS]';
  cmd.argRule = MinArgs(1);
  cmd.passThroughOptions(); // everything after CONTAINER goes to ps
  cmd.handle(async (cli, args) => {
    const [id, ...psArgs] = args;
    // docker: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0), titles then one line per process
    cli.out.write(topTable(await cli.client().containers.top(id, psArgs), 20));
  });
}
