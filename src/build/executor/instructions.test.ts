import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDockerfile } from '../dockerfile/parser';
import { applyMeta, goQuoteList, parseDuration, validateInstruction } from './instructions';

const one = (line: string) => parseDockerfile(`FROM x\n${line}`).instructions[1];
const env = new Map([['V', 'val']]);

test('ENV both syntaxes, substitution from the environment before the line', () => {
  const r = applyMeta(one('ENV A=$V B="two words" C=${V:+set}'), { Env: ['PATH=/bin'] }, env, '\\', false);
  assert.deepEqual(r.config.Env, ['PATH=/bin', 'A=val', 'B=two words', 'C=set']);
  assert.equal(r.nop, 'ENV A=val B=two words C=set');
  assert.deepEqual(applyMeta(one('ENV OLD a b c'), { Env: ['OLD=x'] }, env, '\\', false).config.Env, ['OLD=a b c']);
});

test('CMD and ENTRYPOINT: forms, SHELL, and the inherited CMD reset', () => {
  assert.deepEqual(applyMeta(one('CMD echo hi'), { Shell: ['/bin/bash', '-c'] }, env, '\\', false).config.Cmd, ['/bin/bash', '-c', 'echo hi']);
  const ep = applyMeta(one('ENTRYPOINT ["/e"]'), { Cmd: ['inherited'] }, env, '\\', false);
  assert.deepEqual([ep.config.Entrypoint, ep.config.Cmd], [['/e'], null]);
  const kept = applyMeta(one('ENTRYPOINT ["/e"]'), { Cmd: ['mine'] }, env, '\\', true);
  assert.deepEqual(kept.config.Cmd, ['mine']);
  assert.equal(applyMeta(one('CMD ["a", "b c"]'), {}, env, '\\', false).nop, 'CMD ["a" "b c"]');
});

test('EXPOSE, VOLUME, WORKDIR, USER, STOPSIGNAL, LABEL, SHELL, ONBUILD', () => {
  assert.deepEqual(Object.keys(applyMeta(one('EXPOSE 80 1000-1001/udp'), {}, env, '\\', false).config.ExposedPorts ?? {}), ['80/tcp', '1000/udp', '1001/udp']);
  assert.throws(() => applyMeta(one('EXPOSE eighty'), {}, env, '\\', false), /Invalid containerPort: eighty/);
  assert.deepEqual(applyMeta(one('VOLUME /a $V'), {}, env, '\\', false).config.Volumes, { '/a': {}, val: {} });
  assert.equal(applyMeta(one('WORKDIR rel/../sub'), { WorkingDir: '/base' }, env, '\\', false).config.WorkingDir, '/base/sub');
  assert.equal(applyMeta(one('USER ${V}:0'), {}, env, '\\', false).config.User, 'val:0');
  assert.equal(applyMeta(one('STOPSIGNAL SIGTERM'), {}, env, '\\', false).config.StopSignal, 'SIGTERM');
  assert.deepEqual(applyMeta(one('LABEL "a b"=c d=$V'), { Labels: { old: '1' } }, env, '\\', false).config.Labels, { old: '1', 'a b': 'c', d: 'val' });
  assert.throws(() => applyMeta(one('SHELL /bin/bash'), {}, env, '\\', false), /SHELL requires the arguments to be in JSON form/);
  assert.throws(() => applyMeta(one('ONBUILD ONBUILD RUN x'), {}, env, '\\', false), /Chaining ONBUILD/);
  assert.deepEqual(applyMeta(one('ONBUILD RUN $V'), {}, env, '\\', false).config.OnBuild, ['RUN $V']);
});

test('HEALTHCHECK flags and NONE', () => {
  const hc = applyMeta(one('HEALTHCHECK --interval=1m30s --timeout=500ms --retries=3 CMD ["curl", "-f", "x"]'), {}, env, '\\', false).config.Healthcheck;
  assert.deepEqual(hc, { Test: ['CMD', 'curl', '-f', 'x'], Interval: 90e9, Timeout: 500e6, Retries: 3 });
  assert.deepEqual(applyMeta(one('HEALTHCHECK NONE'), {}, env, '\\', false).config.Healthcheck, { Test: ['NONE'] });
  assert.throws(() => applyMeta(one('HEALTHCHECK --bogus=1 CMD x'), {}, env, '\\', false), /unknown flag: bogus/);
  assert.throws(() => parseDuration('5 minutes', 2, 'interval'), /invalid duration/);
  assert.equal(goQuoteList(['a"b']), '["a\\"b"]');
});

test('syntax checks before anything runs name the line', () => {
  const check = (text: string) => () => parseDockerfile(text).instructions.forEach((i) => validateInstruction(i, '\\'));
  assert.throws(check('FROM x\nENV'), /line 2: ENV requires at least one argument/);
  assert.throws(check('FROM x\nCOPY onlyone'), /line 2: COPY requires at least two arguments/);
  assert.throws(check('FROM x\nCOPY --bogus=1 a b'), /line 2: unknown flag: bogus/);
  assert.throws(check('FROM a b'), /line 1: FROM requires either one or three arguments/);
  assert.throws(check('FROM x\n\nSHELL sh'), /line 3: SHELL requires the arguments to be in JSON form/);
  assert.doesNotThrow(check('FROM x\nENV A=${B:?required}\nEXPOSE $PORT\nRUN --mount=type=cache,target=/x true'));
});
