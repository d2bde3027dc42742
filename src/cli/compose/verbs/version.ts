// berth compose version: the compose version berth's compose follows (its
// labels and behaviour are docker compose's), in compose's words, so tools
// that check `docker compose version` find what they expect.
import { NoArgs, type BerthCommand } from '../../command';
import { COMPOSE_VERSION } from '../labels';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd
    .value('-f, --format <string>', 'Format the output. Values: [pretty | json]', undefined, { default: 'pretty' })
    .flag('--short', "Shows only Compose's version number");
  cmd.handle((cli, _args, o) => {
    if (o.short) cli.print(COMPOSE_VERSION);
    else if (o.format === 'json') cli.print(JSON.stringify({ version: `v${COMPOSE_VERSION}` }));
    else if (o.format === 'pretty') cli.print(`Docker Compose version v${COMPOSE_VERSION}`);
    else throw new Error(`ERROR: Invalid format type ${o.format}`);
    return 0;
  });
}
