// Local images through the berth CLI: import with changes, images and its
// filters, tag, history, rmi (untag vs delete, conflicts), image prune.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, copyFileSync, symlinkSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startTestDaemon, type Daemon } from './harness';

let d: Daemon;
let tarball: string;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
  const root = join(d.dataRoot, 'mini');
  mkdirSync(join(root, 'bin'), { recursive: true });
  copyFileSync('/bin/busybox', join(root, 'bin', 'busybox'));
  for (const a of ['sh', 'echo', 'cat', 'pwd', 'id']) symlinkSync('busybox', join(root, 'bin', a));
  tarball = join(d.dataRoot, 'mini.tar.gz');
  assert.equal(spawnSync('tar', ['-czf', tarball, '-C', root, '.']).status, 0);
});
after(async () => {
  await d?.stop();
});

const ok = (args: string[], input?: Buffer) => {
  const r = d.berth(args, { input });
  assert.equal(r.code, 0, `berth ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

test('import a gzipped tar with -c changes, from a file and from stdin', () => {
  const id = ok(['import', '-c', 'CMD ["echo", "from-cmd"]', '-c', 'ENV GREETING=hi', '-c', 'WORKDIR /bin', '-c', 'LABEL team=infra', tarball, 'mini:1']).trim();
  assert.match(id, /^sha256:[0-9a-f]{64}$/);
  assert.equal(ok(['run', '--rm', 'mini:1']), 'from-cmd\n');
  assert.equal(ok(['run', '--rm', 'mini:1', 'sh', '-c', 'echo $GREETING $(pwd)']), 'hi /bin\n');
  const cfg = JSON.parse(ok(['image', 'inspect', '-f', '{{json .Config}}', 'mini:1']));
  assert.deepEqual(cfg.Cmd, ['echo', 'from-cmd']);
  assert.equal(cfg.Labels.team, 'infra');
  const { readFileSync } = require('node:fs') as typeof import('node:fs');
  const fromStdin = ok(['import', '-', 'mini:stdin'], readFileSync(tarball)).trim();
  assert.match(fromStdin, /^sha256:/);
  const bad = d.berth(['import', '-c', 'FROB x', tarball]);
  assert.notEqual(bad.code, 0);
});

test('images: columns, -q, filters, --format, --no-trunc', () => {
  const out = ok(['images']);
  assert.match(out.split('\n')[0], /^REPOSITORY\s+TAG\s+IMAGE ID\s+CREATED\s+SIZE$/);
  assert.match(out, /\nmini\s+1\s+[0-9a-f]{12}\s+/);
  assert.equal(ok(['images', '--filter', 'reference=mini', '--format', '{{.Repository}}:{{.Tag}}']).trim().split('\n').sort().join(' '), 'mini:1 mini:stdin');
  assert.equal(ok(['images', '--filter', 'label=team=infra', '--format', '{{.Tag}}']).trim(), '1');
  assert.match(ok(['images', '-q', '--no-trunc', 'busybox']).trim(), /^sha256:[0-9a-f]{64}$/);
  assert.match(ok(['images', '--format', '{{json .}}', 'busybox']), /"Repository":"busybox"/);
});

test('tag, history, rmi: untag first, delete last, conflict while used', () => {
  ok(['tag', 'mini:1', 'mini:2']);
  ok(['tag', 'mini:1', 'localhost:5000/team/mini:v1']);
  const h = ok(['history', 'mini:1']);
  assert.match(h.split('\n')[0], /^IMAGE\s+CREATED\s+CREATED BY\s+SIZE\s+COMMENT$/);
  assert.match(h, /Imported from/);
  assert.equal(ok(['rmi', 'mini:2']).trim(), 'Untagged: mini:2');
  ok(['create', '--name', 'user', 'mini:1']);
  // With another tag left, rmi only untags, even while a container uses it.
  assert.equal(ok(['rmi', 'localhost:5000/team/mini:v1']).trim(), 'Untagged: localhost:5000/team/mini:v1');
  const busy = d.berth(['rmi', 'mini:1']);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /conflict: unable to remove repository reference "mini:1" \(must force\) - container [0-9a-f]{12} is using its referenced image [0-9a-f]{12}/);
  ok(['rm', 'user']);
  const del = ok(['rmi', 'mini:1']);
  assert.match(del, /^Untagged: mini:1\nDeleted: sha256:[0-9a-f]{64}\n/);
  const gone = d.berth(['image', 'inspect', 'mini:1']);
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /No such image: mini:1/);
});

test('image prune removes dangling images only; -a removes unused', () => {
  ok(['import', tarball]); // no name: dangling
  const dangling = ok(['images', '-q', '--filter', 'dangling=true']).trim();
  assert.notEqual(dangling, '');
  assert.match(ok(['image', 'prune', '-f']), /Total reclaimed space:/);
  assert.equal(ok(['images', '-q', '--filter', 'dangling=true']).trim(), '');
  assert.match(ok(['images', '-q', 'busybox']), /[0-9a-f]{12}/);
  ok(['run', '-d', '--name', 'hold', 'busybox', 'sleep', '100']);
  ok(['image', 'prune', '-a', '-f']);
  assert.match(ok(['images', '-q', 'busybox']), /[0-9a-f]{12}/, 'an image in use survives prune -a');
  assert.equal(ok(['images', '-q', 'mini']).trim(), '');
  ok(['rm', '-f', 'hold']);
});
