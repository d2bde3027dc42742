// berth version [OPTIONS]
import * as fs from 'node:fs';
import { NoArgs, type BerthCommand } from '../command';
import { errorText, StatusError } from '../errors';
import { parseTemplate } from '../format/template';
import { clientVersion } from '../version-info';
import { ansic, clientSection, goArch, serverSection, type ClientVersionInfo } from '../render/version';

function withGoNames<T extends object>(o: T): T {
  // templates use Go's field names (.APIVersion), JSON uses the wire names (ApiVersion)
  if ('ApiVersion' in o) Object.defineProperty(o, 'APIVersion', { get: () => (o as { ApiVersion: string }).ApiVersion, enumerable: false });
  return o;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS]';
  cmd.argRule = NoArgs;
  cmd.value('-f, --format <string>', 'Format output using a custom template');
  cmd.handle(async (cli, _args, o) => {
    const { CLIENT_API_VERSION } = require('../../client') as typeof import('../../client');
    const v = clientVersion();
    let built = '';
    try {
      built = ansic(fs.statSync(__filename).mtimeMs);
    } catch {
      // unknown
    }
    const client: ClientVersionInfo = {
      Version: v.version,
      ApiVersion: CLIENT_API_VERSION,
      DefaultAPIVersion: CLIENT_API_VERSION,
      GitCommit: v.commit,
      GoVersion: process.version,
      Os: process.platform,
      Arch: goArch(),
      BuildTime: built,
      Context: 'default',
    };
    let server;
    let serverErr: unknown;
    try {
      server = await cli.client().system.version();
      client.ApiVersion = await cli.client().apiVersion();
    } catch (err) {
      serverErr = err;
    }
    const format = o.format as string | undefined;
    if (format) {
      const tmpl = parseTemplate(format === 'json' ? '{{json .}}' : format);
      const data = { Client: withGoNames(client), Server: server ? withGoNames(server) : null };
      cli.print(tmpl.execute(data));
    } else {
      cli.print(clientSection(client));
      if (server) cli.print(`\n${serverSection(server)}`);
    }
    if (serverErr) throw new StatusError(1, errorText(serverErr));
  });
}
