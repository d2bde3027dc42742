// docker's PromptForConfirmation: "<message> [y/N] ", yes only for "y"/"Y".
import * as readline from 'node:readline';
import type { Cli } from './context';

export function confirm(cli: Cli, message: string): Promise<boolean> {
  cli.out.write(`${message} [y/N] `);
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: cli.in, terminal: false });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line.trim().toLowerCase() === 'y');
    });
    rl.once('close', () => {
      if (!answered) resolve(false);
    });
  });
}
