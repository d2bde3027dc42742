// berth system df [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { renderDf, renderDfVerbose } from '../render/df';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .value('--format <string>', 'Format output using a custom template')
    .flag('-v, --verbose', 'Show detailed information on space usage');
  cmd.handle(async (cli, _args, o) => {
    const format = o.format as string | undefined;
    if (o.verbose && format) throw new Error('the verbose and the format options conflict');
    const du = await cli.client().system.df();
    cli.out.write(o.verbose ? renderDfVerbose(du) : renderDf(du, format));
  });
}
