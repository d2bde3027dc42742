// berth build [OPTIONS] PATH | -   (the classic builder, like DOCKER_BUILDKIT=0 docker build)
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { readJSONStream } from '../../client';
import type { BuildImageOptions } from '../../client';
import type { JSONMessage } from '../../api/types';
import type { Cli } from '../context';
import { ExactArgs, type BerthCommand } from '../command';
import { packContext, type ExtraFile } from '../archive/context';
import { writeStreamTo } from '../archive/output';
import { humanSize } from '../format/humanize';
import { parseNormalizedNamed } from '../opts/reference';

function keyValue(v: string): [string, string | null] {
  const eq = v.indexOf('=');
  if (eq < 0) return [v, process.env[v] ?? null];
  return [v.slice(0, eq), v.slice(eq + 1)];
}

/** --build-arg values: "K=V", or "K" taken from our environment (null when unset). Also compose build's. */
export function parseBuildArgs(list: string[]): Record<string, string | null> {
  return Object.fromEntries(list.map(keyValue));
}

async function readAllStdin(s: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s as AsyncIterable<Buffer>) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

function looksLikeArchive(b: Buffer): boolean {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return true;
  if (b.length >= 3 && b.subarray(0, 3).toString('latin1') === 'BZh') return true;
  return b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar';
}

/**
 * A build context directory as the tar body /build reads, with the name of
 * its Dockerfile inside it (one outside the context, or `-f -` read from
 * stdin, travels in it under a private name, as docker does). Also used by
 * `berth compose build`.
 */
export async function directoryContext(cli: Cli, where: string, file: string | undefined): Promise<{ body: Readable; dockerfile: string }> {
  const extra: ExtraFile[] = [];
  let dockerfile: string;
  if (/^(https?|git):\/\//.test(where)) throw new Error('unable to prepare context: remote contexts are not supported by berth build');
  const st = fs.statSync(where, { throwIfNoEntry: false });
  if (!st) throw new Error(`unable to prepare context: path "${where}" not found`);
  if (!st.isDirectory()) throw new Error(`unable to prepare context: context must be a directory: ${where}`);
  const ctxDir = path.resolve(where);
  if (file === '-') {
    const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
    extra.push({ name, content: await readAllStdin(cli.in as unknown as NodeJS.ReadableStream) });
    dockerfile = name;
  } else {
    const df = file ? path.resolve(file) : path.join(ctxDir, 'Dockerfile');
    if (!fs.existsSync(df)) throw new Error(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${df}: no such file or directory`);
    const rel = path.relative(ctxDir, df);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
      extra.push({ name, content: fs.readFileSync(df) });
      dockerfile = name;
    } else {
      dockerfile = rel.split(path.sep).join('/');
    }
  }
  return { body: packContext(ctxDir, extra), dockerfile };
}

/**
 * POST /build with the context and print the daemon's build stream as the
 * classic builder's CLI does; resolves with the exit code (the build
 * error's code, or 1). Also used by `berth compose build`.
 */
export async function sendBuild(cli: Cli, body: Readable, opts: BuildImageOptions, iidfile?: string): Promise<number> {
  const quiet = !!opts.quiet;
  if (iidfile) fs.rmSync(iidfile, { force: true });
  // Count what is sent: the daemon reads the whole context before it answers,
  // so the total is known when the response starts (docker prints it then).
  let sent = 0;
  const { PassThrough } = await import('node:stream');
  const counted = new PassThrough();
  body.on('error', (err) => counted.destroy(err));
  body.on('data', (c: Buffer) => (sent += c.length));
  body.pipe(counted);
  const res = await cli.client().images.build(counted, opts);
  if (!quiet) cli.out.write(`Sending build context to Docker daemon  ${humanSize(sent, 4)}\n`);
  let id = '';
  for await (const jm of readJSONStream<JSONMessage>(res)) {
    if (jm.error || jm.errorDetail) {
      cli.printErr(jm.errorDetail?.message || jm.error || 'unknown error');
      const code = (jm.errorDetail as { code?: number } | undefined)?.code;
      return code && code > 0 ? code : 1;
    }
    const aux = jm.aux as { ID?: string } | undefined;
    if (aux?.ID) {
      id = aux.ID;
      continue;
    }
    if (quiet) continue;
    if (jm.stream !== undefined) cli.out.write(jm.stream);
    else if (jm.status !== undefined && !(jm.progressDetail && Object.keys(jm.progressDetail).length)) {
      cli.out.write(`${jm.id ? `${jm.id}: ` : ''}${jm.status}\n`);
    }
  }
  if (quiet && id) cli.print(id);
  if (iidfile && id) await writeStreamTo(cli, (async function* () {
    yield Buffer.from(id);
  })(), iidfile);
  return 0;
}

export function setup(cmd: BerthCommand): void {
  cmd.usageArgs = '[OPTIONS] PATH | URL | -';
  cmd.argRule = ExactArgs(1);
  cmd
    .list('-t, --tag <list>', 'Name and optionally a tag in the "name:tag" format', (v) => {
      parseNormalizedNamed(v); // docker checks tags before sending anything
      return v;
    })
    .value('-f, --file <string>', "Name of the Dockerfile (Default is 'PATH/Dockerfile')")
    .list('--build-arg <list>', 'Set build-time variables')
    .list('--label <list>', 'Set metadata for an image')
    .value('--target <string>', 'Set the target build stage to build.')
    .flag('--no-cache', 'Do not use cache when building the image')
    .flag('--pull', 'Always attempt to pull a newer version of the image')
    .flag('-q, --quiet', 'Suppress the build output and print image ID on success')
    .flag('--rm', 'Remove intermediate containers after a successful build', { default: true })
    .flag('--no-rm', 'Keep intermediate containers', { hidden: true })
    .flag('--force-rm', 'Always remove intermediate containers')
    .value('--iidfile <string>', 'Write the image ID to the file')
    .value('--platform <string>', 'Set platform if server is multi-platform capable');
  cmd.handle(async (cli, args, o) => {
    const [where] = args;
    const file = o.file as string | undefined;
    let dockerfile: string | undefined;
    let body: Readable;
    if (where === '-') {
      if (file === '-') throw new Error('invalid argument: can\'t use stdin for both build context and dockerfile');
      const input = await readAllStdin(cli.in as unknown as NodeJS.ReadableStream);
      if (looksLikeArchive(input)) {
        const { Readable: R } = await import('node:stream');
        body = R.from([input]);
        dockerfile = file;
      } else {
        // A Dockerfile on stdin and no context at all.
        body = packContext(undefined, [{ name: 'Dockerfile', content: input }]);
      }
    } else {
      ({ body, dockerfile } = await directoryContext(cli, where, file));
    }
    const buildArgs = parseBuildArgs((o.buildArg as string[] | undefined) ?? []);
    const labels: Record<string, string> = {};
    for (const l of (o.label as string[] | undefined) ?? []) {
      const eq = l.indexOf('=');
      labels[eq < 0 ? l : l.slice(0, eq)] = eq < 0 ? '' : l.slice(eq + 1);
    }
    return sendBuild(cli, body, {
      tags: (o.tag as string[] | undefined) ?? [],
      dockerfile,
      buildArgs,
      labels,
      target: o.target as string | undefined,
      noCache: o.cache === false,
      pull: !!o.pull,
      quiet: !!o.quiet,
      rm: o.rm !== false,
      forceRm: !!o.forceRm,
      platform: o.platform as string | undefined,
    }, o.iidfile as string | undefined);
  });
}
