// The talks' own applications on real Debian images, typed as the talks type
// them into the real docker CLI, once against berthd and once against
// Debian's dockerd (its own roots, socket and bridge) with the same images:
// a scenario that passes on Docker and fails on berth is berth's bug.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeSubnet, startTestDaemon, type Daemon, type RunResult } from './harness';
import { startDockerd, type RealDocker } from './dockerd';
import { buildAppImages, copyImages } from './app-images';
import { Tmux } from './tmux';

interface Engine {
  host: string;
  docker(args: string[], o?: { input?: string }): RunResult;
}

let d: Daemon;
let dk: RealDocker;
let work: string;
const engines: Record<string, Engine> = {};
const terms: Tmux[] = [];

before(async () => {
  const tag = randomBytes(3).toString('hex');
  [d, dk] = await Promise.all([
    startTestDaemon(),
    startDockerd({ bridge: { name: `bdk${tag}`, cidr: `${freeSubnet().replace(/\.0\/24$/, '.1/24')}` } }),
  ]);
  work = mkdtempSync(join(tmpdir(), 'berth-apps-'));
  chmodSync(work, 0o755);
  buildAppImages(d.host);
  copyImages(d.host, dk.host);
  engines.berth = d;
  engines.docker = dk;
});
after(async () => {
  for (const t of terms) t.kill();
  await Promise.all([d?.stop(), dk?.stop()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs the docker CLI, failing the test with its output unless it exits 0. */
function ok(e: Engine, args: string[]): string {
  const r = e.docker(args);
  assert.equal(r.code, 0, `docker ${args.join(' ')} → ${r.code}\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

/** Removes the named containers (and with -v their anonymous volumes), whatever state they are in. */
function rmf(e: Engine, ...names: string[]): void {
  e.docker(['rm', '-f', '-v', ...names]);
}

async function get(url: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  return { status: r.status, body: await r.text() };
}

/** Polls until the URL answers with a status `want` accepts; throws with the last answer. */
async function waitHttp(url: string, want = (s: number) => s === 200, timeoutMs = 90_000): Promise<{ status: number; body: string }> {
  const end = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    try {
      const r = await get(url);
      if (want(r.status)) return r;
      last = `${r.status} ${r.body.slice(0, 300)}`;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > end) throw new Error(`${url} never answered as wanted: ${last}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Polls a command until it exits 0 and returns its output. */
async function waitOk(e: Engine, args: string[], timeoutMs = 90_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const r = e.docker(args);
    if (r.code === 0) return r.stdout;
    if (Date.now() > end) throw new Error(`docker ${args.join(' ')} kept failing: ${r.stdout}${r.stderr}`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

const mysql = (e: Engine, name: string, pw: string, sql: string) => waitOk(e, ['exec', name, 'mysql', '-uroot', `-p${pw}`, '-N', '-e', sql]);

for (const name of ['berth', 'docker']) {
  test(`1+7. the Dutch talk's WordPress and MySQL pair, and stats/top/logs -f/diff on it (${name})`, async () => {
    const e = engines[name];
    try {
      ok(e, ['run', '--name', 'mysqlwp', '-e', 'MYSQL_ROOT_PASSWORD=changeme', '-d', 'mysql']);
      ok(e, ['run', '--name', 'wordpress', '--link', 'mysqlwp:mysql', '-p', '8080:80', '-d', 'wordpress']);
      const installer = await waitHttp('http://127.0.0.1:8080/');
      assert.match(installer.body, /<title>WordPress &rsaquo; Installation/);
      const form = new URLSearchParams({
        weblog_title: 'Berth Site',
        user_name: 'admin',
        admin_password: 'S3cret!pass',
        admin_password2: 'S3cret!pass',
        pw_weak: 'on',
        admin_email: 'admin@example.com',
        blog_public: '0',
      });
      const done = await get('http://127.0.0.1:8080/wp-admin/install.php?step=2', { method: 'POST', body: form });
      assert.equal(done.status, 200);
      assert.match(done.body, /<h1>Success!<\/h1>/);
      const tables = await mysql(e, 'mysqlwp', 'changeme', 'show tables from wordpress');
      assert.match(tables, /^wp_posts$/m);
      assert.match(tables, /^wp_users$/m);
      assert.match((await get('http://127.0.0.1:8080/')).body, /<title>Berth Site/);

      // 7: real figures from the running pair
      const stats = ok(e, ['stats', '--no-stream', '--format', '{{.Name}} {{.MemUsage}} {{.PIDs}}', 'mysqlwp', 'wordpress']);
      for (const c of ['mysqlwp', 'wordpress']) {
        const m = new RegExp(`^${c} ([\\d.]+)([KMG]i?B) / \\S+ (\\d+)$`, 'm').exec(stats);
        assert.ok(m, `stats line for ${c}: ${stats}`);
        assert.ok(Number(m[1]) > 0 && m[2] !== 'B' && Number(m[3]) > 1, stats);
      }
      assert.match(ok(e, ['top', 'mysqlwp']), /mariadbd/);
      assert.match(ok(e, ['top', 'wordpress']), /apache2 -DFOREGROUND/);
      const diff = ok(e, ['diff', 'wordpress']);
      assert.match(diff, /^A \/run\/apache2\/apache2\.pid$/m);
      const follow = spawn('/usr/local/bin/docker', ['logs', '-f', '--tail', '0', 'wordpress'], { env: { ...process.env, DOCKER_HOST: e.host } });
      let followed = '';
      follow.stdout.on('data', (c) => (followed += c));
      try {
        await new Promise((r) => setTimeout(r, 500));
        await get('http://127.0.0.1:8080/?followed-by-logs');
        const end = Date.now() + 10_000;
        while (!followed.includes('GET /?followed-by-logs') && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
        assert.match(followed, /"GET \/\?followed-by-logs HTTP\/1\.1" 200/);
      } finally {
        follow.kill();
      }

      // stop (SIGTERM for MariaDB, Apache's graceful SIGWINCH) exits 0, start keeps the site
      ok(e, ['stop', 'wordpress', 'mysqlwp']);
      assert.equal(ok(e, ['inspect', '-f', '{{.State.ExitCode}}', 'mysqlwp', 'wordpress']), '0\n0');
      ok(e, ['start', 'mysqlwp', 'wordpress']);
      assert.match((await waitHttp('http://127.0.0.1:8080/')).body, /<title>Berth Site/);
    } finally {
      rmf(e, 'wordpress', 'mysqlwp');
    }
  });

  test(`1. a named volume for /var/lib/mysql outlives its container (${name})`, async () => {
    const e = engines[name];
    try {
      ok(e, ['run', '-d', '--name', 'db1', '-v', 'wpdata:/var/lib/mysql', '-e', 'MYSQL_ROOT_PASSWORD=pw', '-e', 'MYSQL_DATABASE=keepme', 'mysql']);
      assert.match(await mysql(e, 'db1', 'pw', 'show databases'), /^keepme$/m);
      rmf(e, 'db1');
      ok(e, ['run', '-d', '--name', 'db2', '-v', 'wpdata:/var/lib/mysql', 'mysql']);
      assert.match(await mysql(e, 'db2', 'pw', 'show databases'), /^keepme$/m);
      assert.doesNotMatch(e.docker(['logs', 'db2']).stdout, /Initializing database/);
    } finally {
      rmf(e, 'db1', 'db2');
      e.docker(['volume', 'rm', 'wpdata']);
    }
  });

  test(`2. the cheat-sheet's docker-node-hello: build, run -p 80:8080, curl (${name})`, async () => {
    const e = engines[name];
    const dir = mkdtempSync(join(work, `node-hello-${name}-`));
    writeFileSync(join(dir, 'index.js'), "require('http').createServer((q, s) => s.end('Hello World from ' + require('os').hostname() + '\\n')).listen(8080);\n");
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'docker-node-hello', version: '1.0.0', main: 'index.js', scripts: { start: 'node index.js' } }));
    writeFileSync(join(dir, 'Dockerfile'), ['FROM node', 'ENV NODE_ENV production', 'WORKDIR /data/app', 'COPY package.json index.js ./', 'USER node', 'EXPOSE 8080', 'CMD ["node", "index.js"]', ''].join('\n'));
    try {
      ok(e, ['build', '-t', 'example/docker-node-hello:latest', dir]);
      const id = ok(e, ['run', '-d', '-p', '80:8080', 'example/docker-node-hello:latest']);
      const r = await waitHttp('http://127.0.0.1:80/');
      assert.equal(r.body, `Hello World from ${id.slice(0, 12)}\n`);
      assert.equal(ok(e, ['exec', id, 'id', '-un']), 'node');
      rmf(e, id);
    } finally {
      e.docker(['rmi', '-f', 'example/docker-node-hello:latest']);
    }
  });

  test(`3. nginx with the cheat-sheet's volume forms (${name})`, async () => {
    const e = engines[name];
    const html = mkdtempSync(join(work, `html-${name}-`));
    chmodSync(html, 0o755);
    writeFileSync(join(html, 'index.html'), 'from the host\n');
    try {
      // -v /data: an anonymous volume, gone with the --rm container
      ok(e, ['run', '-v', '/data', '--rm', '--hostname', 'web', '--name', 'web', '-d', 'nginx']);
      const [anon] = JSON.parse(ok(e, ['inspect', '-f', '{{ json .Mounts }}', 'web']));
      assert.equal(anon.Type, 'volume');
      assert.equal(anon.Destination, '/data');
      assert.equal(anon.RW, true);
      assert.match(anon.Name, /^[0-9a-f]{64}$/);
      assert.equal(ok(e, ['exec', 'web', 'hostname']), 'web');
      ok(e, ['stop', 'web']);
      // a read-only bind of a host folder as the document root
      ok(e, ['run', '-v', `${html}:/usr/share/nginx/html:ro`, '--rm', '--name', 'web2', '-p', '8082:80', '-d', 'nginx']);
      assert.deepEqual(JSON.parse(ok(e, ['inspect', '-f', '{{ json .Mounts }}', 'web2'])), [
        { Type: 'bind', Source: html, Destination: '/usr/share/nginx/html', Mode: 'ro', RW: false, Propagation: 'rprivate' },
      ]);
      assert.equal((await waitHttp('http://127.0.0.1:8082/')).body, 'from the host\n');
      const w = e.docker(['exec', 'web2', 'touch', '/usr/share/nginx/html/x']);
      assert.notEqual(w.code, 0);
      assert.match(w.stderr, /Read-only file system/);
      // a data-volume container that never runs, its volume seeded from the image, used with --volumes-from
      ok(e, ['create', '-v', '/usr/share/nginx/html', '--name', 'nginx-data', 'nginx']);
      writeFileSync(join(html, 'copied.html'), 'copied in\n');
      ok(e, ['cp', join(html, 'copied.html'), 'nginx-data:/usr/share/nginx/html/']);
      ok(e, ['run', '--volumes-from', 'nginx-data', '-p80:80', '--name', 'web3', '-d', 'nginx']);
      assert.match((await waitHttp('http://127.0.0.1:80/')).body, /Welcome to nginx!/);
      assert.equal((await get('http://127.0.0.1:80/copied.html')).body, 'copied in\n');
      const [fromData] = JSON.parse(ok(e, ['inspect', '-f', '{{ json .Mounts }}', 'web3']));
      const [own] = JSON.parse(ok(e, ['inspect', '-f', '{{ json .Mounts }}', 'nginx-data']));
      assert.equal(fromData.Name, own.Name);
      assert.equal(fromData.Destination, '/usr/share/nginx/html');
      // nginx's stop signal (SIGQUIT) is a graceful exit
      ok(e, ['stop', 'web3']);
      assert.equal(ok(e, ['inspect', '-f', '{{.State.ExitCode}}', 'web3']), '0');
      assert.equal(anonGone(e, anon.Name), true, 'the --rm container took its anonymous volume');
    } finally {
      rmf(e, 'web', 'web2', 'web3', 'nginx-data');
    }
  });

  test(`4. the English talk's Tomcat on -p 8888:8080 answers 200 (${name})`, async () => {
    const e = engines[name];
    try {
      ok(e, ['run', '--rm', '-d', '-p', '8888:8080', '--name', 'tomcat8', 'tomcat']);
      const r = await waitHttp('http://127.0.0.1:8888/');
      assert.match(r.body, /Apache Tomcat/);
      assert.equal(ok(e, ['exec', 'tomcat8', 'id', '-un']), 'tomcat');
      ok(e, ['stop', 'tomcat8']);
      await waitFor(() => e.docker(['ps', '-aq', '-f', 'name=tomcat8']).stdout.trim() === '');
    } finally {
      rmf(e, 'tomcat8');
    }
  });

  test(`5. interactive Debian: run -it bash, exec -it bash, apt, dpkg, useradd + su, ps (${name})`, async () => {
    const e = engines[name];
    const t = new Tmux({ DOCKER_HOST: e.host, PATH: `/usr/local/bin:${process.env.PATH}`, PS1: 'PROMPT$ ' }, 120, 40);
    terms.push(t);
    try {
      await t.waitForPrompt();
      t.line('docker run --rm -it debian bash');
      await t.waitForLastLine(/^root@[0-9a-f]{12}:\/#$/);
      t.line('ls /; echo LS-DONE');
      await t.waitFor(/^bin\s.*\bboot\b.*\n(.*\n)*LS-DONE/m);
      // job control: a background job, jobs, kill %1 and its status
      t.line('sleep 300 &');
      t.line('jobs');
      await t.waitFor(/\[1\]\+\s+Running\s+sleep 300 &/);
      t.line('kill %1; wait %1; echo JOB-$?');
      await t.waitFor(/JOB-143/);
      t.line('dpkg -l | grep -c ^ii; apt-get --version | head -1');
      await t.waitFor(/^\d{2,}\n(.*\n)*apt \d/m);
      // setuid: as a new user, su back to root with root's password at su's prompt
      t.line("useradd -m -s /bin/bash bob && echo 'root:toor' | chpasswd && su - bob");
      await t.waitForLastLine(/^bob@[0-9a-f]{12}:~\$$/);
      t.line('su -c "id -u; echo SU-OK" root');
      await t.waitForLastLine(/^Password:$/);
      t.line('toor');
      await t.waitFor(/^0\nSU-OK/m);
      t.line('exit');
      await t.waitForLastLine(/^root@[0-9a-f]{12}:\/#$/);
      t.line('exit 3');
      await t.waitForPrompt();
      t.line('echo RUN-RC=$?');
      await t.waitFor(/RUN-RC=3/);
      // exec -it into a running container: ps aux shows its own processes only
      // (minbase has no procps; the mysql image is debian:bookworm with it)
      ok(e, ['run', '-d', '--name', 'deb', '--entrypoint', 'sleep', 'mysql', 'infinity']);
      t.line('docker exec -it deb bash');
      await t.waitForLastLine(/^root@[0-9a-f]{12}:\/#$/);
      t.line('ps aux; echo PS-DONE');
      const m = await t.waitFor(/^(USER +PID .*COMMAND\n(?:.*\n)+?)PS-DONE/m);
      const rows = m[1].trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/));
      assert.deepEqual(rows.find((r) => r[1] === '1')?.slice(10), ['sleep', 'infinity'], m[0]);
      assert.deepEqual(rows.map((r) => r.slice(10).join(' ')).sort(), ['bash', 'ps aux', 'sleep infinity'], m[0]);
      t.line('exit');
      await t.waitForPrompt();
    } finally {
      rmf(e, 'deb');
    }
  });

  test(`6. commit a changed Debian container, push to registry:2, rmi, pull, run (${name})`, async () => {
    const e = engines[name];
    try {
      ok(e, ['run', '-d', '-p', '5000:5000', '--name', 'registry', 'registry:2']);
      await waitHttp('http://127.0.0.1:5000/v2/');
      ok(e, ['run', '--name', 'changed', 'debian', 'bash', '-c', 'echo changed > /hello.txt && useradd -m carol']);
      ok(e, ['commit', '-m', 'hello and carol', 'changed', 'mydebian:v1']);
      ok(e, ['tag', 'mydebian:v1', 'localhost:5000/mydebian:v1']);
      assert.match(ok(e, ['push', 'localhost:5000/mydebian:v1']), /v1: digest: sha256:[0-9a-f]{64} size: \d+/);
      ok(e, ['rmi', 'mydebian:v1', 'localhost:5000/mydebian:v1']);
      assert.notEqual(e.docker(['image', 'inspect', 'localhost:5000/mydebian:v1']).code, 0);
      assert.match(ok(e, ['pull', 'localhost:5000/mydebian:v1']), /Downloaded newer image for localhost:5000\/mydebian:v1/);
      assert.equal(ok(e, ['run', '--rm', 'localhost:5000/mydebian:v1', 'bash', '-c', 'cat /hello.txt; id -un carol']), 'changed\ncarol');
      assert.match(ok(e, ['history', 'localhost:5000/mydebian:v1']), /hello and carol|bash -c echo changed/);
    } finally {
      rmf(e, 'registry', 'changed');
      e.docker(['rmi', '-f', 'localhost:5000/mydebian:v1', 'mydebian:v1']);
    }
  });
}

function anonGone(e: Engine, volume: string): boolean {
  return e.docker(['volume', 'inspect', volume]).code !== 0;
}

async function waitFor(cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition never held');
    await new Promise((r) => setTimeout(r, 200));
  }
}
