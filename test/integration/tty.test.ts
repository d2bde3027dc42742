// TTYs through a real terminal (tmux): run -it, exec -it, attach, window
// size at start and on resize, detach keys (default and --detach-keys) with
// both the docker CLI and berth; detach keys handled by berthd itself for
// clients that leave them to the daemon.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { join } from 'node:path';
import { ROOT, startTestDaemon, type Daemon } from './harness';
import { Tmux } from './tmux';

let d: Daemon;
const terms: Tmux[] = [];
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  for (const t of terms) t.kill();
  await d?.stop();
});

/** A fresh terminal per test, so one failure does not leave the next inside a container. */
async function terminal(width = 100, height = 30): Promise<Tmux> {
  const t = new Tmux({ DOCKER_HOST: d.host, BERTH_HOST: d.host, PATH: `${join(ROOT, 'bin')}:${process.env.PATH}`, PS1: 'PROMPT$ ' }, width, height);
  terms.push(t);
  await t.waitForPrompt();
  return t;
}

/** Runs a shell line in the terminal and returns its exit status. */
async function shell(term: Tmux, line: string, marker: string): Promise<number> {
  term.line(`${line}; echo ${marker}-rc=$?`);
  const m = await term.waitFor(new RegExp(`${marker}-rc=(\\d+)`));
  return Number(m[1]);
}

const running = (name: string) => d.berth(['inspect', '-f', '{{.State.Running}}', name]).stdout.trim();
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const cli of ['docker', 'berth'] as const) {
  test(`${cli} run -it: the container's terminal has our size from the start, and follows a resize`, async () => {
    const term = await terminal(100, 30);
    assert.equal(await shell(term, `${cli} run --rm -it busybox stty size`, `${cli}-size`), 0);
    await term.waitFor(/^30 100\s*$/m);
    term.line('clear');
    term.line(`${cli} run --rm -it --name ${cli}-rs busybox sh`);
    await term.waitFor(/^\/ #/m);
    term.resize(90, 25);
    await pause(500);
    term.line('stty size; exit 4');
    await term.waitFor(/^25 90\s*$/m);
    await term.waitForPrompt();
    term.line(`echo ${cli}-exit=$?`);
    await term.waitFor(new RegExp(`${cli}-exit=4`));
  });

  test(`${cli} exec -it: the terminal's size and a tty`, async () => {
    assert.equal(d.berth(['run', '-d', '--name', `${cli}-ex`, 'busybox', 'sleep', '1000']).code, 0);
    const term = await terminal(100, 30);
    assert.equal(await shell(term, `${cli} exec -it ${cli}-ex sh -c 'stty size; tty'`, `${cli}-exec`), 0);
    const screen = term.screen();
    assert.match(screen, /^30 100\s*$/m);
    assert.match(screen, /^\/dev\/pts\/\d+\s*$/m);
    d.berth(['rm', '-f', `${cli}-ex`]);
  });

  test(`${cli} run -it, ctrl-p ctrl-q detaches and the container keeps running; attach again, --detach-keys`, async () => {
    const name = `${cli}-det`;
    const term = await terminal();
    term.line(`${cli} run -it --name ${name} busybox sh`);
    await term.waitFor(/^\/ #/m);
    term.line('echo first-$((40+2))');
    await term.waitFor(/first-42/);
    term.keys('C-p', 'C-q');
    await term.waitForPrompt();
    term.line(`echo ${cli}-run-rc=$?`);
    await term.waitFor(new RegExp(`${cli}-run-rc=0`));
    assert.equal(running(name), 'true');

    // attach, and detach with custom keys: docker attach says so and exits 1
    term.line(`${cli} attach --detach-keys ctrl-x,x ${name}`);
    await pause(1500);
    term.line('echo second-$((40+3))');
    await term.waitFor(/second-43/);
    term.keys('C-x', 'x');
    await term.waitForPrompt();
    term.line(`echo ${cli}-attach-rc=$?`);
    await term.waitFor(new RegExp(`${cli}-attach-rc=1`));
    assert.match(term.screen(), /read escape sequence/);
    assert.equal(running(name), 'true');

    // attach and leave with exit: attach returns the container's status
    term.line(`${cli} attach ${name}`);
    await pause(1500);
    term.line('exit 7');
    await term.waitForPrompt();
    term.line(`echo ${cli}-exit-rc=$?`);
    await term.waitFor(new RegExp(`${cli}-exit-rc=7`));
    assert.equal(running(name), 'false');
    d.berth(['rm', '-f', name]);
  });
}

for (const cli of ['docker', 'berth'] as const) {
  test(`${cli} create -it then start -ai: an interactive shell on our terminal`, async () => {
    const name = `${cli}-sai`;
    assert.equal(d.berth(['create', '-it', '--name', name, 'busybox', 'sh']).code, 0);
    const term = await terminal(80, 24);
    term.line(`${cli} start -ai ${name}`);
    await term.waitFor(/^\/ #/m);
    term.line('stty size; exit 6');
    await term.waitFor(/^24 80\s*$/m);
    await term.waitForPrompt();
    term.line(`echo ${cli}-sai-rc=$?`);
    await term.waitFor(new RegExp(`${cli}-sai-rc=6`));
    d.berth(['rm', name]);
  });
}

test("attach to a stopped container is refused with docker's message", () => {
  assert.equal(d.berth(['create', '--name', 'stopped', 'busybox', 'true']).code, 0);
  for (const cli of ['docker', 'berth'] as const) {
    const r = d[cli](['attach', 'stopped']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /You cannot attach to a stopped container, start it first/);
  }
  d.berth(['rm', 'stopped']);
});

test('berthd itself detaches a client that sends the detach keys (TTY), stdin stays open', async () => {
  assert.equal(d.berth(['run', '-dit', '--name', 'srv', 'busybox', 'sh']).code, 0);
  const id = d.berth(['inspect', '-f', '{{.Id}}', 'srv']).stdout.trim();
  const sock = net.connect(d.socket);
  await new Promise((r) => sock.once('connect', r));
  sock.write(`POST /containers/${id}/attach?stream=1&stdin=1&stdout=1&stderr=1&detachKeys=ctrl-a,b HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`);
  let got = '';
  sock.on('data', (b) => (got += b.toString('latin1')));
  const closed = new Promise((r) => sock.once('close', r));
  await pause(300);
  sock.write('echo via-$((1+1))\n');
  for (let i = 0; i < 50 && !got.includes('via-2'); i++) await pause(100);
  assert.match(got, /via-2/);
  sock.write(Buffer.from([1, 98])); // ctrl-a b
  await Promise.race([closed, new Promise((_, rej) => setTimeout(() => rej(new Error('berthd did not close the detached connection')), 5000))]);
  assert.equal(running('srv'), 'true');
  // the shell did not get EOF: it still runs and answers a new attach
  const again = net.connect(d.socket);
  await new Promise((r) => again.once('connect', r));
  again.write(`POST /containers/${id}/attach?stream=1&stdin=1&stdout=1 HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`);
  let got2 = '';
  again.on('data', (b) => (got2 += b.toString('latin1')));
  await pause(300);
  again.write('echo again-$((2+2))\n');
  for (let i = 0; i < 50 && !got2.includes('again-4'); i++) await pause(100);
  assert.match(got2, /again-4/);
  again.destroy();
  const bad = await d.api('POST', `/containers/${id}/attach?stream=1&stdin=1&detachKeys=ctrl-%3F%3F`);
  assert.equal(bad.status, 400);
  assert.match(bad.json.message, /Invalid detach keys/);
  d.berth(['rm', '-f', 'srv']);
});
