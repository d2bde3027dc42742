// berth top CONTAINER [ps OPTIONS]
import { MinArgs, type BerthCommand } from '../command';
import { tabwrite } from '../format/tabwriter';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = 'CONTAINER [ps OPTIONS]';
  cmd.argRule = MinArgs(1);
  cmd.passThroughOptions(); // everything after CONTAINER goes to ps
  cmd.handle(async (cli, args) => {
    const [id, ...psArgs] = args;
    const top = await cli.client().containers.top(id, psArgs);
    // docker: tabwriter.NewWriter(out, 20, 1, 3, ' ', 0), titles then one line per process
    let text = `${(top.Titles ?? []).join('\t')}\n`;
    for (const proc of top.Processes ?? []) text += `${proc.join('\t')}\n`;
    cli.out.write(tabwrite(text, { minwidth: 20 }));
  });
}
