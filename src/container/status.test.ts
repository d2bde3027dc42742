import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, statusText } from './status';
import { resolvConf, hostsFile } from './etcfiles';

test('humanDuration follows go-units', () => {
  assert.equal(humanDuration(500), 'Less than a second');
  assert.equal(humanDuration(1000), '1 second');
  assert.equal(humanDuration(45000), '45 seconds');
  assert.equal(humanDuration(90000), 'About a minute');
  assert.equal(humanDuration(5 * 60000), '5 minutes');
  assert.equal(humanDuration(3600000), 'About an hour');
  assert.equal(humanDuration(3 * 86400000), '3 days');
});

test('status text for running, exited and created', () => {
  const now = Date.parse('2026-01-01T00:01:00Z');
  const base: any = { state: { Running: true, Paused: false, Restarting: false, Status: 'running', Dead: false, StartedAt: '2026-01-01T00:00:57Z', FinishedAt: '0001-01-01T00:00:00Z', ExitCode: 0 }, hasBeenStartedBefore: true };
  assert.equal(statusText(base, now), 'Up 3 seconds');
  const exited = { ...base, state: { ...base.state, Running: false, Status: 'exited', ExitCode: 3, FinishedAt: '2026-01-01T00:00:00Z' } };
  assert.equal(statusText(exited, now), 'Exited (3) About a minute ago');
  assert.equal(statusText({ ...base, hasBeenStartedBefore: false, state: { ...base.state, Running: false, Status: 'created' } }, now), 'Created');
});

test('resolv.conf drops loopback resolvers and falls back to Docker defaults', () => {
  assert.equal(resolvConf('nameserver 127.0.0.53\nsearch lan\n'), 'search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n');
  assert.equal(resolvConf('nameserver 10.0.0.2\n', ['1.1.1.1'], ['x.y'], ['ndots:2']), 'search x.y\nnameserver 1.1.1.1\noptions ndots:2\n');
  assert.match(hostsFile(['db:10.1.2.3']), /10\.1\.2\.3\tdb\n$/);
});
