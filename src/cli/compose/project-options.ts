// The options every `berth compose` verb shares (given before the verb:
// `berth compose -f a.yml -p demo config`), and the project they load.
import type { BerthCommand } from '../command';
import type { Project } from './model/types';

export function addProjectOptions(cmd: BerthCommand): void {
  cmd
    .list('-f, --file <stringArray>', 'Compose configuration files')
    .value('-p, --project-name <string>', 'Project name')
    .value('--project-directory <string>', 'Specify an alternate working directory (default: the path of the, first specified, Compose file)')
    .list('--env-file <stringArray>', 'Specify an alternate environment file')
    .list('--profile <stringArray>', 'Specify a profile to enable');
}

/** The project of the verb `cmd`, from its parent's options. */
export function projectOf(cmd: BerthCommand, warn: (m: string) => void): Project {
  const o = (cmd.parent?.opts() ?? {}) as { file?: string[]; projectName?: string; projectDirectory?: string; envFile?: string[]; profile?: string[] };
  // loaded here, not at the top: every berth command reads this file for the options, only compose needs YAML
  const { loadProject } = require('./model/load') as typeof import('./model/load');
  return loadProject({
    files: o.file,
    projectName: o.projectName,
    projectDirectory: o.projectDirectory,
    envFiles: o.envFile,
    profiles: o.profile,
    env: process.env,
    cwd: process.cwd(),
    warn,
  });
}
