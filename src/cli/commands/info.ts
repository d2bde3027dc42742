// berth info [OPTIONS]
import { NoArgs, type BerthCommand } from '../command';
import { errorText, StatusError } from '../errors';
import { parseTemplate } from '../format/template';
import { clientVersion } from '../version-info';
import { clientInfoLines, serverInfoLines } from '../render/info';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd.value('-f, --format <string>', 'Format output using a custom template');
  cmd.handle(async (cli, _args, o) => {
    const clientInfo = { Debug: !!cli.globals.debug, Version: clientVersion().version, Context: 'default', Plugins: [], Warnings: null };
    let info;
    let serverErr: unknown;
    try {
      info = await cli.client().system.info();
    } catch (err) {
      serverErr = err;
    }
    const format = o.format as string | undefined;
    if (format) {
      if (serverErr) throw new StatusError(1, errorText(serverErr));
      const tmpl = parseTemplate(format === 'json' ? '{{json .}}' : format);
      cli.print(tmpl.execute({ ...info, ClientInfo: clientInfo }));
      return;
    }
    cli.print(clientInfoLines(clientInfo).join('\n'));
    cli.print();
    if (serverErr || !info) {
      cli.print('Server:');
      // no daemon at all: just docker's connection message; a daemon error: docker's ERROR lines
      if (serverErr instanceof Error && serverErr.name === 'ConnectionError') throw new StatusError(1, serverErr.message);
      throw new StatusError(1, `ERROR: ${errorText(serverErr)}\nerrors pretty printing info`);
    }
    cli.print(serverInfoLines(info).join('\n'));
    cli.print();
    for (const w of info.Warnings ?? []) cli.printErr(w);
  });
}
