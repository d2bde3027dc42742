// berth build / POST /build (the classic builder) through the berth CLI, the
// real docker CLI with DOCKER_BUILDKIT=0 and dockerode: real images from
// busybox and from scratch, run afterwards; the cache asserted by which steps
// ran; errors with Docker's messages; a context symlink pointing out of the
// context never leaks a host file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { startTestDaemon, type Daemon } from './harness';
import { startRegistry } from './registry-server';

let d: Daemon;
let work: string;
let server: ChildProcess;
let port = 0;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  work = mkdtempSync(join(tmpdir(), 'berth-build-'));
  // Its own process: the test blocks in spawnSync while berthd fetches from it.
  const script = `const s = require('http').createServer((q, r) => { if (q.url === '/file.txt') { r.writeHead(200, { 'Last-Modified': 'Wed, 21 Oct 2015 07:28:00 GMT' }); r.end('from http\\n'); } else { r.writeHead(404); r.end('no'); } });
s.listen(0, '127.0.0.1', () => console.log(s.address().port));`;
  server = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  port = await new Promise<number>((res, rej) => {
    server.stdout!.once('data', (b: Buffer) => res(Number(b.toString().trim())));
    server.once('exit', () => rej(new Error('http server exited')));
  });
});
after(async () => {
  server?.kill();
  await d?.stop();
  rmSync(work, { recursive: true, force: true });
});

function context(name: string, files: Record<string, string>): string {
  const dir = join(work, name);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    if (c.startsWith('->')) symlinkSync(c.slice(2), join(dir, p));
    else writeFileSync(join(dir, p), c);
  }
  return dir;
}

function berth(args: string[], input?: string | Buffer) {
  return d.berth(args, { input });
}

function ok(args: string[], input?: string | Buffer): string {
  const r = berth(args, input);
  assert.equal(r.code, 0, `berth ${args.join(' ')}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const ran = (out: string) => (out.match(/ ---> Running in /g) ?? []).length;
const cached = (out: string) => (out.match(/ ---> Using cache/g) ?? []).length;

const APP = [
  'FROM busybox',
  'ENV GREETING=hello NAME="the world"',
  'WORKDIR /app',
  'COPY greeting.txt ./',
  'COPY static/ /static/',
  'RUN echo "$GREETING, $NAME" > out.txt && cat greeting.txt >> out.txt',
  'CMD ["cat", "/app/out.txt"]',
].join('\n');

test('build from busybox with the berth CLI, run the image; Docker\'s step output', () => {
  const ctx = context('app', { Dockerfile: APP, 'greeting.txt': 'from the context\n', 'static/a.txt': 'A', 'static/sub/b.txt': 'B' });
  const out = ok(['build', '-t', 'app:1', '-t', 'app:also', ctx]);
  assert.match(out, /^Sending build context to Docker daemon  [0-9.]+kB\nStep 1\/7 : FROM busybox\n ---> [0-9a-f]{12}\nStep 2\/7 : ENV GREETING=hello NAME="the world"\n ---> Running in [0-9a-f]{12}\n/);
  assert.match(out, /Step 6\/7 : RUN echo .*\n ---> Running in [0-9a-f]{12}\n ---> Removed intermediate container [0-9a-f]{12}\n ---> [0-9a-f]{12}\n/);
  assert.match(out, /Successfully built [0-9a-f]{12}\nSuccessfully tagged app:1\nSuccessfully tagged app:also\n$/);
  assert.equal(ok(['run', '--rm', 'app:1']), 'hello, the world\nfrom the context\n');
  assert.equal(ok(['run', '--rm', 'app:1', 'ls', '-R', '/static']).replace(/\s+/g, ' ').trim(), '/static: a.txt sub /static/sub: b.txt');
  const cfg = JSON.parse(ok(['image', 'inspect', 'app:1']))[0].Config;
  assert.equal(cfg.WorkingDir, '/app');
  assert.ok(cfg.Env.includes('NAME=the world'), cfg.Env.join(','));
  // No step container is left.
  assert.equal(ok(['ps', '-aq']).trim(), '');
});

test('cache: unchanged rebuild runs nothing; a changed file re-runs from its COPY; --no-cache runs all; survives a restart', async () => {
  const ctx = join(work, 'app');
  const again = ok(['build', '-t', 'app:1', ctx]);
  assert.equal(ran(again), 0, again);
  assert.equal(cached(again), 6);
  writeFileSync(join(ctx, 'static', 'a.txt'), 'changed');
  const changed = ok(['build', '-t', 'app:1', ctx]);
  // ENV, WORKDIR, COPY greeting.txt cached; COPY static/, RUN, CMD run.
  assert.equal(cached(changed), 3, changed);
  assert.equal(ran(changed), 3, changed);
  await d.restart();
  const afterRestart = ok(['build', '-t', 'app:1', ctx]);
  assert.equal(ran(afterRestart), 0, afterRestart);
  const all = ok(['build', '--no-cache', '-t', 'app:1', ctx]);
  assert.equal(cached(all), 0);
  assert.equal(ran(all), 6);
  // Intermediate images: only with -a.
  const plain = ok(['images', '-q']).trim().split('\n');
  const withAll = ok(['images', '-aq']).trim().split('\n');
  assert.ok(withAll.length > plain.length + 5, `${plain.length} vs ${withAll.length}`);
  const hist = ok(['history', '--no-trunc', '--format', '{{.CreatedBy}}', 'app:1']);
  assert.match(hist, /\/bin\/sh -c #\(nop\) COPY dir:[0-9a-f]{64} in \/static\//);
  assert.match(hist, /\/bin\/sh -c #\(nop\) COPY file:[0-9a-f]{64} in \/app\//);
});

test('scratch, multi-stage with --from, ARG before FROM, build args, heredocs, --target', () => {
  const df = [
    'ARG BASE=busybox',
    'FROM ${BASE} AS builder',
    'ARG MSG=default',
    'RUN echo "msg=$MSG" > /msg.txt',
    'RUN <<EOF',
    'echo from-heredoc > /hd.txt',
    'EOF',
    'COPY <<EOT /greet.txt',
    'hi "${MSG}"',
    'EOT',
    'FROM scratch AS final',
    'COPY --from=builder /msg.txt /hd.txt /greet.txt /out/',
    'COPY --from=0 /bin/busybox /bin/busybox',
    'COPY --from=busybox /bin/busybox /bin/from-image',
    'ENTRYPOINT ["/bin/busybox"]',
    'CMD ["cat", "/out/msg.txt", "/out/hd.txt", "/out/greet.txt"]',
  ].join('\n');
  const ctx = context('multi', { Dockerfile: df });
  const out = ok(['build', '--build-arg', 'MSG=custom', '--build-arg', 'UNUSED=1', '-t', 'multi', ctx]);
  assert.match(out, /Step 1\/12 : ARG BASE=busybox\nStep 2\/12 : FROM \$\{BASE\} AS builder\n/);
  assert.match(out, /Step 7\/12 : FROM scratch AS final\n ---> \n/);
  assert.match(out, /\[Warning\] One or more build-args \[UNUSED\] were not consumed/);
  assert.equal(ok(['run', '--rm', 'multi']), 'msg=custom\nfrom-heredoc\nhi "custom"\n');
  const inspect = JSON.parse(ok(['image', 'inspect', 'multi']))[0];
  assert.equal(inspect.RootFS.Layers.length, 3, 'scratch image: only its own three layers');
  assert.equal(ok(['run', '--rm', 'multi', 'cmp', '/bin/busybox', '/bin/from-image']), '', 'COPY --from=<image> copied the file');
  const target = ok(['build', '--build-arg', 'MSG=custom', '--target', 'builder', '-t', 'multi:builder', ctx]);
  assert.doesNotMatch(target, /FROM scratch/);
  assert.equal(ran(target), 0, 'the builder stage came from the cache');
  assert.equal(ok(['run', '--rm', 'multi:builder', 'cat', '/msg.txt']), 'msg=custom\n');
});

test('every config instruction lands in the image config; ONBUILD triggers run in the child', () => {
  const df = [
    'FROM busybox',
    'MAINTAINER someone <a@b.c>',
    'LABEL a=1 "b c"="two words"',
    'EXPOSE 80 53/udp 8000-8001',
    'VOLUME ["/data"]',
    'USER 1000:1000',
    'STOPSIGNAL SIGUSR1',
    'HEALTHCHECK --interval=5s --retries=2 CMD wget -q localhost || exit 1',
    'SHELL ["/bin/sh", "-ec"]',
    'ONBUILD RUN echo triggered > /tmp/onbuild.txt',
    'WORKDIR /made/here',
    'ENTRYPOINT ["echo", "ep"]',
    'CMD ["default"]',
  ].join('\n');
  const ctx = context('meta', { Dockerfile: df });
  ok(['build', '--label', 'from.cli=yes', '-t', 'meta', ctx]);
  const img = JSON.parse(ok(['image', 'inspect', 'meta']))[0];
  const c = img.Config;
  assert.equal(img.Author, 'someone <a@b.c>');
  assert.deepEqual(c.Labels, { a: '1', 'b c': 'two words', 'from.cli': 'yes' });
  assert.deepEqual(Object.keys(c.ExposedPorts).sort(), ['53/udp', '80/tcp', '8000/tcp', '8001/tcp']);
  assert.deepEqual(Object.keys(c.Volumes), ['/data']);
  assert.equal(c.User, '1000:1000');
  assert.equal(c.StopSignal, 'SIGUSR1');
  assert.deepEqual(c.Healthcheck, { Test: ['CMD-SHELL', 'wget -q localhost || exit 1'], Interval: 5e9, Retries: 2 });
  assert.deepEqual(c.Shell, ['/bin/sh', '-ec']);
  assert.deepEqual(c.OnBuild, ['RUN echo triggered > /tmp/onbuild.txt']);
  assert.deepEqual([c.Entrypoint, c.Cmd], [['echo', 'ep'], ['default']]);
  assert.equal(ok(['run', '--rm', 'meta']), 'ep default\n');
  // WORKDIR made its directory in the image (a layer), not only at run time.
  const baseLayers = JSON.parse(ok(['image', 'inspect', 'busybox']))[0].RootFS.Layers.length;
  assert.equal(img.RootFS.Layers.length, baseLayers + 1, 'one layer: the WORKDIR directory');
  // ENTRYPOINT after an inherited CMD resets it; a shell-form ENTRYPOINT uses SHELL.
  const child = context('child', { Dockerfile: 'FROM meta\nUSER root\nENTRYPOINT echo child' });
  const out = ok(['build', '-t', 'child', child]);
  assert.match(out, /# Executing 1 build trigger/);
  const cc = JSON.parse(ok(['image', 'inspect', 'child']))[0].Config;
  assert.deepEqual([cc.Entrypoint, cc.Cmd, cc.OnBuild ?? null], [['/bin/sh', '-ec', 'echo child'], null, null]);
  assert.equal(ok(['run', '--rm', '--entrypoint', 'cat', 'child', '/tmp/onbuild.txt']), 'triggered\n');
});

test('.dockerignore with exceptions; COPY --chown/--chmod and globs; ADD extracts tars and fetches URLs', () => {
  const ctx = context('files', {
    '.dockerignore': '# comment\n*.log\n!keep.log\nsecret/\n',
    'a.log': 'no',
    'keep.log': 'yes',
    'secret/key': 'hidden',
    'one.txt': '1',
    'two.txt': '2',
    Dockerfile: [
      'FROM busybox',
      'COPY . /ctx/',
      'COPY --chown=1234:5678 --chmod=640 *.txt /globbed/',
      'ADD layer.tar /unpacked/',
      `ADD http://127.0.0.1:${port}/file.txt /web/`,
      `ADD --checksum=sha256:${createHash('sha256').update('from http\n').digest('hex')} http://127.0.0.1:${port}/file.txt /web/checked.txt`,
      'CMD ["sh", "-c", "ls -a /ctx /unpacked /web; stat -c \'%u:%g %a %n\' /globbed/*; cat /web/file.txt"]',
    ].join('\n'),
  });
  const tarDir = context('tarsrc', { 'inside/t.txt': 'in tar' });
  assert.equal(spawnSync('tar', ['-cf', join(ctx, 'layer.tar'), '-C', tarDir, 'inside']).status, 0);
  ok(['build', '-t', 'files', ctx]);
  const out = ok(['run', '--rm', 'files']);
  assert.match(out, /keep\.log/);
  assert.doesNotMatch(out, /a\.log|secret/);
  assert.match(out, /\/unpacked:\n\.\n\.\.\ninside/);
  assert.match(out, /1234:5678 640 \/globbed\/one\.txt\n1234:5678 640 \/globbed\/two\.txt/);
  assert.match(out, /from http/);
  assert.match(out, /\/web:\n\.\n\.\.\nchecked\.txt\nfile\.txt/);
  const wrong = context('wrongsum', { Dockerfile: `FROM busybox\nADD --checksum=sha256:${'0'.repeat(64)} http://127.0.0.1:${port}/file.txt /x` });
  const r = berth(['build', wrong]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /digest mismatch sha256:[0-9a-f]{64}: sha256:0{64}/);
});

test('errors: syntax error with its line, failing RUN with its code, --force-rm, missing and outside sources', async () => {
  const bad = context('bad', { Dockerfile: 'FROM busybox\n\nRUNN echo' });
  const badTag = berth(['build', '-t', 'Bad:Tag', bad]);
  assert.equal(badTag.code, 125);
  assert.match(badTag.stderr, /invalid argument "Bad:Tag" for "-t, --tag" flag: invalid reference format: repository name \(library\/Bad\) must be lowercase/);
  const api = await d.api('POST', '/build?t=Bad:Tag', '');
  assert.equal(api.status, 400);
  assert.match(api.json.message, /invalid reference format/);
  let r = berth(['build', bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /dockerfile parse error on line 3: unknown instruction: RUNN/);

  const fail = context('fail', { Dockerfile: 'FROM busybox\nRUN echo before && exit 7' });
  r = berth(['build', fail]);
  assert.equal(r.code, 7, r.stderr);
  assert.match(r.stdout, /before\n/);
  assert.match(r.stderr, /The command '\/bin\/sh -c echo before && exit 7' returned a non-zero code: 7/);
  // Without --force-rm the failed step's container stays (as Docker's), with it none does.
  assert.equal(ok(['ps', '-aq']).trim().split('\n').filter(Boolean).length, 1);
  ok(['container', 'prune', '-f']);
  r = berth(['build', '--force-rm', fail]);
  assert.equal(r.code, 7);
  assert.equal(ok(['ps', '-aq']).trim(), '');

  const missing = context('missing', { Dockerfile: 'FROM busybox\nCOPY nothere /x' });
  r = berth(['build', missing]);
  assert.match(r.stderr, /COPY failed: file not found in build context or excluded by \.dockerignore: stat nothere: file does not exist/);
  const outside = context('outside', { Dockerfile: 'FROM busybox\nCOPY ../../etc/passwd /x' });
  r = berth(['build', outside]);
  assert.match(r.stderr, /COPY failed: forbidden path outside the build context: \.\.\/\.\.\/etc\/passwd \(\)/);
  assert.equal(ok(['ps', '-aq']).trim(), '');
});

test('a context symlink pointing out of the context does not leak host files', () => {
  writeFileSync(join(work, 'host-secret'), 'HOST SECRET\n');
  const ctx = context('leak', {
    Dockerfile: 'FROM busybox\nCOPY . /ctx/\nCMD ["sh", "-c", "ls -l /ctx; cat /ctx/dir/* 2>&1; true"]',
    'abs': `->${join(work, 'host-secret')}`,
    'rel': '->../host-secret',
    'dir/inner': '->../../host-secret',
  });
  ok(['build', '-t', 'leak', ctx]);
  const out = ok(['run', '--rm', 'leak']);
  assert.doesNotMatch(out, /HOST SECRET/);
  assert.match(out, /abs -> /);
  // Named directly as a source, the link resolves inside the context: not found.
  const direct = context('leak2', { Dockerfile: 'FROM busybox\nCOPY abs /x', abs: `->${join(work, 'host-secret')}`, rel: '->../host-secret' });
  const r = berth(['build', direct]);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /COPY failed: file not found in build context/);
  const r2 = berth(['build', '-f', '-', direct], 'FROM busybox\nCOPY rel /x\n');
  assert.match(r2.stderr, /COPY failed: file not found in build context/);
});

test('the docker CLI classic builder (DOCKER_BUILDKIT=0): output, -q, --iidfile, -f -, stdin tar, run', () => {
  const env = { DOCKER_BUILDKIT: '0' };
  const ctx = join(work, 'app');
  const r = d.docker(['build', '-t', 'dk:1', ctx], { env });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Sending build context to Docker daemon/);
  assert.match(r.stdout, /Step 1\/7 : FROM busybox\n ---> [0-9a-f]{12}\nStep 2\/7 : ENV/);
  assert.match(r.stdout, / ---> Using cache\n/);
  assert.match(r.stdout, /Successfully built [0-9a-f]{12}\nSuccessfully tagged dk:1\n/);
  // Without DOCKER_BUILDKIT (and no buildx plugin) the CLI also takes the classic path: /_ping says Builder-Version 1.
  const plain = d.docker(['build', '-q', ctx]);
  assert.equal(plain.code, 0, plain.stderr);
  assert.match(plain.stdout.trim(), /^sha256:[0-9a-f]{64}$/);
  const iid = join(work, 'iid');
  const q = d.docker(['build', '-q', '--iidfile', iid, ctx], { env });
  assert.equal(q.code, 0, q.stderr);
  assert.match(q.stdout.trim(), /^sha256:[0-9a-f]{64}$/);
  // The docker CLI writes what the daemon streamed with -q, newline included, as with dockerd.
  assert.equal(readFileSync(iid, 'utf8'), q.stdout);
  const stdinDf = d.docker(['build', '-t', 'dk:stdin', '-f', '-', ctx], { env, input: 'FROM busybox\nCOPY greeting.txt /g\nCMD ["cat", "/g"]\n' });
  assert.equal(stdinDf.code, 0, stdinDf.stderr);
  assert.equal(d.docker(['run', '--rm', 'dk:stdin']).stdout, 'from the context\n');
  const tarball = spawnSync('tar', ['-c', '-C', ctx, '.']).stdout;
  const fromTar = d.docker(['build', '-t', 'dk:tar', '-'], { env, input: tarball });
  assert.equal(fromTar.code, 0, fromTar.stderr);
  const berthTar = berth(['build', '-q', '-'], tarball);
  assert.equal(berthTar.code, 0, berthTar.stderr);
  const fail = d.docker(['build', join(work, 'fail')], { env });
  assert.equal(fail.code, 7);
  assert.match(fail.stderr, /The command '\/bin\/sh -c echo before && exit 7' returned a non-zero code: 7/);
  const parse = d.docker(['build', join(work, 'bad')], { env });
  assert.equal(parse.code, 1);
  assert.match(parse.stderr, /Error response from daemon: dockerfile parse error on line 3: unknown instruction: RUNN/);
  ok(['container', 'prune', '-f']);
  assert.ok(!existsSync(join(d.dataRoot, 'root', 'tmp')) || spawnSync('ls', [join(d.dataRoot, 'root', 'tmp')]).stdout.toString().indexOf('build-') < 0, 'contexts are removed');
});

test('dockerode buildImage', async () => {
  const docker = new Docker({ socketPath: d.socket });
  const stream = await docker.buildImage({ context: join(work, 'app'), src: ['Dockerfile', 'greeting.txt', 'static'] }, { t: 'dode:1', buildargs: {} });
  const msgs: { stream?: string; aux?: { ID: string } }[] = await new Promise((res, rej) => docker.modem.followProgress(stream, (err: Error | null, out: unknown[]) => (err ? rej(err) : res(out as never))));
  const text = msgs.map((m) => m.stream ?? '').join('');
  assert.match(text, /Successfully tagged dode:1/);
  const id = msgs.find((m) => m.aux)?.aux?.ID;
  assert.match(id ?? '', /^sha256:[0-9a-f]{64}$/);
  assert.equal((await docker.getImage('dode:1').inspect()).Id, id);
});

test('a client that goes away cancels the build and leaves no container', async () => {
  const ctx = context('slow', { Dockerfile: 'FROM busybox\nRUN echo started; sleep 300' });
  const child = spawn(join(__dirname, '..', '..', '..', 'bin', 'berth'), ['build', ctx], { env: { ...process.env, BERTH_HOST: d.host } });
  let out = '';
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`no RUN output: ${out}`)), 60_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('started')) {
        clearTimeout(t);
        res();
      }
    });
  });
  child.kill('SIGKILL');
  for (let i = 0; i < 100; i++) {
    if (ok(['ps', '-aq']).trim() === '') break;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(ok(['ps', '-aq']).trim(), '');
});

test('FROM an image that is not here pulls it (loopback registry); --pull pulls again', async () => {
  const reg = await startRegistry();
  try {
    const name = `${reg.host}/base/bb:1`;
    ok(['tag', 'busybox', name]);
    ok(['push', '-q', name]);
    ok(['rmi', name]);
    const ctx = context('pulled', { Dockerfile: `FROM ${name}\nRUN echo pulled > /p\nCMD ["cat", "/p"]` });
    const out = ok(['build', '-t', 'pulled', ctx]);
    assert.match(out, /Step 1\/3 : FROM 127\.0\.0\.1:\d+\/base\/bb:1\n/);
    assert.match(out, /Status: Downloaded newer image for 127\.0\.0\.1:\d+\/base\/bb:1/);
    assert.equal(ok(['run', '--rm', 'pulled']), 'pulled\n');
    const again = ok(['build', '--pull', '-t', 'pulled', ctx]);
    assert.match(again, /Status: Image is up to date for 127\.0\.0\.1:\d+\/base\/bb:1/);
    assert.equal(ran(again), 0, 'same base: the RUN is cached');
  } finally {
    await reg.stop();
  }
});

test('--rm=false keeps every step container', () => {
  const ctx = context('keep', { Dockerfile: 'FROM busybox\nENV A=1\nRUN true' });
  const out = ok(['build', '--no-cache', '--rm=false', ctx]);
  assert.doesNotMatch(out, /Removed intermediate container/);
  const kept = ok(['ps', '-aq', '--no-trunc']).trim().split('\n').filter(Boolean);
  assert.equal(kept.length, 2);
  for (const id of kept) assert.match(out, new RegExp(` ---> Running in ${id.slice(0, 12)}`));
  ok(['container', 'prune', '-f']);
});

test('FROM a private registry image: the docker CLI sends its credentials (X-Registry-Config) and the pull uses them', async () => {
  const reg = await startRegistry({ htpasswd: { user: 'bob', password: 'bu1ld-pass' } });
  try {
    const name = `${reg.host}/private/bb:1`;
    assert.equal(d.docker(['login', '-u', 'bob', '--password-stdin', reg.host], { input: 'bu1ld-pass' }).code, 0);
    ok(['tag', 'busybox', name]);
    ok(['push', '-q', name]);
    ok(['rmi', name]);
    const ctx = context('private', { Dockerfile: `FROM ${name}\nCMD ["echo", "private base"]` });
    const r = d.docker(['build', '-t', 'private-child', ctx], { env: { DOCKER_BUILDKIT: '0' } });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Status: Downloaded newer image for 127\.0\.0\.1:\d+\/private\/bb:1/);
    assert.equal(ok(['run', '--rm', 'private-child']), 'private base\n');
    // Without credentials the registry refuses, and the build says so.
    ok(['rmi', name]);
    const anon = await d.api('POST', '/build', '');
    assert.equal(anon.status, 400, 'an empty context has no Dockerfile');
    assert.equal(d.docker(['logout', reg.host]).code, 0);
    const denied = d.docker(['build', '--no-cache', ctx], { env: { DOCKER_BUILDKIT: '0' } });
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, /no basic auth credentials|unauthorized|authentication required/i);
  } finally {
    await reg.stop();
  }
});

test('builder prune (berth and docker CLI) removes dangling build results and their steps, nothing else', () => {
  const ctx = context('prunable', { Dockerfile: 'FROM busybox\nENV P=1\nRUN echo prunable > /p' });
  ok(['build', '-t', 'prunable', ctx]);
  // What earlier tests left dangling goes first; then nothing is left to go.
  ok(['builder', 'prune', '-f']);
  assert.match(ok(['builder', 'prune', '-f']), /^Total reclaimed space: 0B\n$/);
  assert.ok(ok(['images', '-q', 'prunable']).trim(), 'a tagged build result is not cache');
  // An untagged imported image is not build cache.
  const tarDir = context('importme', { 'f.txt': 'x' });
  const tarball = spawnSync('tar', ['-c', '-C', tarDir, '.']).stdout;
  ok(['import', '-'], tarball);
  // Rebuilt under the same tag: the old result (its RUN step) is left dangling; ENV is shared.
  writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nENV P=1\nRUN echo second > /p');
  ok(['build', '-t', 'prunable', ctx]);
  const before = ok(['images', '-aq', '--no-trunc']).trim().split('\n');
  const out = ok(['builder', 'prune', '-f']);
  assert.match(out, /^Deleted build cache objects:\nsha256:[0-9a-f]{64}\n/);
  const afterIds = ok(['images', '-aq', '--no-trunc']).trim().split('\n');
  assert.equal(before.length - afterIds.length, 1, `${before.length} -> ${afterIds.length}`);
  assert.equal(ok(['run', '--rm', 'prunable', 'cat', '/p']), 'second\n');
  assert.ok(ok(['images', '--filter', 'dangling=true', '-q']).trim().length > 0, 'the imported image stays');
  const dk = d.docker(['builder', 'prune', '-f']);
  assert.equal(dk.code, 0, dk.stderr);
  assert.match(dk.stdout, /Total reclaimed space: 0B/);
  ok(['image', 'prune', '-f']);
});
