// The builder: Dockerfile parser (pure) and the classic executor.
export { parseDockerfile, type Dockerfile, type Instruction } from './dockerfile/parser';
export { processWord, processWords } from './dockerfile/shell-lex';
export { buildImage, type BuildOptions, type BuildMessage } from './executor/build';
export { unpackContext, openContext, type BuildContext } from './executor/context';
export { SCRATCH, StepError, type StepDeps } from './executor/steps';
export { buildFromContext, checkTags, type BuildRequest } from './executor/request';
