import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { applyChanges, words } from './changes';

test('CMD/ENTRYPOINT exec and shell forms', () => {
  assert.deepEqual(applyChanges({}, ['CMD ["sh"]']).Cmd, ['sh']);
  assert.deepEqual(applyChanges({}, ['cmd echo hi there']).Cmd, ['/bin/sh', '-c', 'echo hi there']);
  assert.deepEqual(applyChanges({}, ['CMD [not json']).Cmd, ['/bin/sh', '-c', '[not json']);
  const c = applyChanges({ Cmd: ['old'] }, ['ENTRYPOINT ["/e"]']);
  assert.deepEqual([c.Entrypoint, c.Cmd], [['/e'], null], 'ENTRYPOINT resets CMD');
  const d = applyChanges({}, ['CMD ["a"]', 'ENTRYPOINT /e x']);
  assert.deepEqual([d.Entrypoint, d.Cmd], [['/bin/sh', '-c', '/e x'], ['a']]);
});

test('ENV, LABEL, EXPOSE, VOLUME, WORKDIR, USER, STOPSIGNAL, ONBUILD', () => {
  const c = applyChanges({ Env: ['PATH=/bin', 'A=0'] }, [
    'ENV A=1 B="two words" C=x\\ y',
    'ENV LEGACY value with spaces',
    'LABEL a=b "c d"=e',
    'EXPOSE 80 53/udp 8000-8001',
    'VOLUME ["/data", "/logs"]',
    'VOLUME /more',
    'WORKDIR /app',
    'WORKDIR sub',
    'USER nobody:nogroup',
    'STOPSIGNAL SIGINT',
    'ONBUILD RUN echo hi',
  ]);
  assert.deepEqual(c.Env, ['PATH=/bin', 'A=1', 'B=two words', 'C=x y', 'LEGACY=value with spaces']);
  assert.deepEqual(c.Labels, { a: 'b', 'c d': 'e' });
  assert.deepEqual(Object.keys(c.ExposedPorts ?? {}), ['80/tcp', '53/udp', '8000/tcp', '8001/tcp']);
  assert.deepEqual(Object.keys(c.Volumes ?? {}), ['/data', '/logs', '/more']);
  assert.equal(c.WorkingDir, '/app/sub');
  assert.equal(c.User, 'nobody:nogroup');
  assert.equal(c.StopSignal, 'SIGINT');
  assert.deepEqual(c.OnBuild, ['RUN echo hi']);
});

test('invalid changes are refused with docker-like messages', () => {
  assert.throws(() => applyChanges({}, ['RUN echo']), /^InvalidArgument: run is not a valid change command$|run is not a valid change command/);
  assert.throws(() => applyChanges({}, ['FROM x']), /from is not a valid change command/);
  assert.throws(() => applyChanges({}, ['EXPOSE 99999']), /invalid containerPort: 99999/);
  assert.throws(() => applyChanges({}, ['STOPSIGNAL NOPE']), /Invalid signal: NOPE/);
  assert.throws(() => applyChanges({}, ['ENV A=1 B']), /can't find = in "B"/);
});

test('words honours quotes and escapes', () => {
  assert.deepEqual(words(`a "b c" 'd e' f\\ g ""`), ['a', 'b c', 'd e', 'f g', '']);
});
