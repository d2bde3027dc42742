// berth login [OPTIONS] [SERVER]: the daemon checks the credentials against
// the registry (POST /auth); on success they go to config.json like docker's.
import * as readline from 'node:readline';
import { MaxArgs, type BerthCommand } from '../command';
import { INDEX_SERVER, serverKey, storeAuth } from '../credentials';
import type { Cli } from '../context';

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] [SERVER]';
  cmd.argRule = MaxArgs(1);
  cmd
    .value('-p, --password <string>', 'Password or Personal Access Token (PAT)')
    .flag('--password-stdin', 'Take the Password or Personal Access Token (PAT) from stdin')
    .value('-u, --username <string>', 'Username');
  cmd.handle(async (cli, args, o) => {
    let username = (o.username as string | undefined)?.trim();
    let password = o.password as string | undefined;
    if (password !== undefined && o.passwordStdin) throw new Error('--password and --password-stdin are mutually exclusive');
    if (o.passwordStdin) {
      if (!username) throw new Error('Must provide --username with --password-stdin');
      password = (await readAll(cli.in)).replace(/\r?\n$/, '');
    }
    if (password !== undefined && !o.passwordStdin) cli.printErr('WARNING! Using --password via the CLI is insecure. Use --password-stdin.');
    const server = args[0] ? serverKey(args[0]) : INDEX_SERVER;
    if (!username) username = (await prompt(cli, 'Username: ')).trim();
    if (!username) throw new Error('Error: Non-null Username Required');
    if (password === undefined) password = await prompt(cli, 'Password: ');
    if (!password) throw new Error('Error: Password Required');
    const res = await cli.client().system.auth({ username, password, serveraddress: server });
    const file = storeAuth(cli, server, { username, password, identitytoken: res.IdentityToken || undefined });
    cli.printErr(`WARNING! Your credentials are stored unencrypted in '${file}'.`);
    cli.printErr('Configure a credential helper to remove this warning. See');
    cli.printErr('https://docs.docker.com/go/credential-store/');
    cli.printErr();
    cli.print(res.Status || 'Login Succeeded');
  });
}

async function readAll(src: NodeJS.ReadableStream): Promise<string> {
  let s = '';
  for await (const c of src) s += typeof c === 'string' ? c : (c as Buffer).toString('utf8');
  return s;
}

function prompt(cli: Cli, q: string): Promise<string> {
  cli.out.write(q);
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: cli.in, terminal: false });
    let got = false;
    rl.once('line', (line) => {
      got = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!got) resolve('');
    });
  });
}
