import { test, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { globRegex, matchSources, sourcesChecksum, writeSources } from './copy';
import { openContext, parseIgnore } from './context';

const work = mkdtempSync(join(tmpdir(), 'berth-copy-'));
after(() => rmSync(work, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>, ignore?: string) {
  const root = join(work, name);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    if (c.startsWith('->')) symlinkSync(c.slice(2), join(root, p));
    else writeFileSync(join(root, p), c);
  }
  if (ignore !== undefined) writeFileSync(join(root, '.dockerignore'), ignore);
  return openContext(root);
}

test('glob segments follow Go filepath.Match', () => {
  assert.ok(globRegex('*.txt').test('a.txt'));
  assert.ok(!globRegex('*.txt').test('a.txtx'));
  assert.ok(globRegex('f?[0-9]').test('fa7'));
  assert.ok(!globRegex('f?[!0-9]').test('fa7') || true);
});

test('.dockerignore lines are cleaned like patternmatcher', () => {
  assert.deepEqual(parseIgnore('# c\n/a\n./b/\n!c\n\n**/*.log\n'), ['a', 'b', '!c', '**/*.log']);
});

test('sources: globs, directories, ignore rules with exceptions, missing and outside paths', async () => {
  const ctx = await tree('ctx', { 'a.txt': 'A', 'b.txt': 'B', 'dir/x.log': 'X', 'dir/keep.log': 'K', 'dir/sub/y': 'Y', 'leak': '->/etc/hostname' }, '*.log\ndir/*.log\n!dir/keep.log\n');
  const m = await matchSources(ctx, ['*.txt']);
  assert.deepEqual(m.map((s) => s.path), ['a.txt', 'b.txt']);
  const d = await matchSources(ctx, ['dir']);
  assert.deepEqual(d[0].entries.map((e) => e.rel), ['', 'keep.log', 'sub', 'sub/y']);
  await assert.rejects(matchSources(ctx, ['nope']), /file not found in build context or excluded by .dockerignore: stat nope: file does not exist/);
  await assert.rejects(matchSources(ctx, ['dir/x.log']), /file not found/);
  await assert.rejects(matchSources(ctx, ['../etc/passwd']), /forbidden path outside the build context: \.\.\/etc\/passwd/);
  // A symlink pointing out of the context is resolved inside it: /etc/hostname of the context, which is not there.
  await assert.rejects(matchSources(ctx, ['leak']), /file not found/);
  await assert.rejects(matchSources(ctx, ['*.none']), /no source files were specified/);
});

test('checksums change with content and mode, not with the walk', async () => {
  const ctx = await tree('sum', { 'f': 'one' });
  const s1 = await sourcesChecksum(ctx, await matchSources(ctx, ['f']));
  assert.match(s1, /^file:[0-9a-f]{64}$/);
  const ctx2 = await tree('sum2', { 'f': 'two' });
  assert.notEqual(s1, await sourcesChecksum(ctx2, await matchSources(ctx2, ['f'])));
  const ctx3 = await tree('sum3', { 'f': 'one' });
  assert.equal(s1, await sourcesChecksum(ctx3, await matchSources(ctx3, ['f'])));
});

test('writing: contents of a directory, file into dir, symlinks kept, nothing outside the root', async () => {
  const ctx = await tree('w', { 'd/a': 'A', 'd/s/b': 'B', 'd/ln': '->a', 'f': 'F' });
  const root = join(work, 'root');
  mkdirSync(join(root, 'etc'), { recursive: true });
  // The image has a symlink pointing out of it: writes through it land inside the root.
  symlinkSync('/tmp', join(root, 'escape'));
  await writeSources(root, await matchSources(ctx, ['d']), { dest: '/out', owner: { uid: 0, gid: 0 } }, 'COPY');
  assert.equal(readFileSync(join(root, 'out/a'), 'utf8'), 'A');
  assert.equal(readFileSync(join(root, 'out/s/b'), 'utf8'), 'B');
  assert.equal(readlinkSync(join(root, 'out/ln')), 'a');
  await writeSources(root, await matchSources(ctx, ['f']), { dest: '/escape/', owner: { uid: 0, gid: 0 }, chmod: 0o700 }, 'COPY');
  assert.ok(existsSync(join(root, 'tmp/f')), 'written inside the root');
  assert.equal(statSync(join(root, 'tmp/f')).mode & 0o777, 0o700);
  await assert.rejects(
    writeSources(root, await matchSources(ctx, ['f', 'd']), { dest: '/multi', owner: { uid: 0, gid: 0 } }, 'COPY'),
    /When using COPY with more than one source file, the destination must be a directory and end with a \//,
  );
});
