import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyProbeResult, goDuration, nextDelayMs, probeCommand, type HealthState } from './health';
import { mergeHealthcheck, validateHealthcheck } from './config';

const S = 1_000_000_000;
const at = (ms: number) => new Date(Date.parse('2026-11-24T21:00:00Z') + ms).toISOString();
const result = (ms: number, code: number) => ({ Start: at(ms), End: at(ms + 10), ExitCode: code, Output: '' });

test('probe commands: CMD runs as is, CMD-SHELL through the shell, NONE and empty mean none', () => {
  assert.deepEqual(probeCommand({ Test: ['CMD', 'curl', '-f', 'x'] }), ['curl', '-f', 'x']);
  assert.deepEqual(probeCommand({ Test: ['CMD-SHELL', 'exit 1'] }), ['/bin/sh', '-c', 'exit 1']);
  assert.deepEqual(probeCommand({ Test: ['CMD-SHELL', 'exit 1'] }, ['/bin/bash', '-ec']), ['/bin/bash', '-ec', 'exit 1']);
  assert.equal(probeCommand({ Test: ['NONE'] }), null);
  assert.equal(probeCommand({}), null);
  assert.equal(probeCommand(undefined), null);
});

test('status transitions as dockerd: retries, start period, log of five', () => {
  const hc = { Retries: 2, StartPeriod: 5 * S };
  let h: HealthState = { Status: 'starting', FailingStreak: 0, Log: [] };
  h = applyProbeResult(h, result(1000, 1), hc, at(0)); // inside the start period: does not count
  assert.deepEqual([h.Status, h.FailingStreak], ['starting', 0]);
  h = applyProbeResult(h, result(6000, 1), hc, at(0));
  assert.deepEqual([h.Status, h.FailingStreak], ['starting', 1]);
  h = applyProbeResult(h, result(7000, 0), hc, at(0));
  assert.deepEqual([h.Status, h.FailingStreak], ['healthy', 0]);
  h = applyProbeResult(h, result(8000, 1), hc, at(0));
  assert.deepEqual([h.Status, h.FailingStreak], ['healthy', 1]);
  h = applyProbeResult(h, result(9000, 2), hc, at(0));
  assert.deepEqual([h.Status, h.FailingStreak], ['unhealthy', 2]);
  h = applyProbeResult(h, result(10000, -1), hc, at(0));
  assert.equal(h.Log.length, 5);
  assert.equal(h.Log[4].ExitCode, -1);
  assert.equal(h.Log[0].Start, at(6000));
  // default retries: 3
  let d: HealthState = { Status: 'healthy', FailingStreak: 0, Log: [] };
  for (let i = 0; i < 2; i++) d = applyProbeResult(d, result(i, 1), {}, at(0));
  assert.equal(d.Status, 'healthy');
  d = applyProbeResult(d, result(3, 1), {}, at(0));
  assert.equal(d.Status, 'unhealthy');
});

test('intervals: start interval while starting inside the start period, else the interval (default 30s)', () => {
  const hc = { Interval: 10 * S, StartPeriod: 60 * S, StartInterval: S };
  const started = at(0);
  assert.equal(nextDelayMs(hc, 'starting', started, Date.parse(at(1000))), 1000);
  assert.equal(nextDelayMs(hc, 'healthy', started, Date.parse(at(1000))), 10000);
  assert.equal(nextDelayMs(hc, 'starting', started, Date.parse(at(61000))), 10000);
  assert.equal(nextDelayMs({}, 'starting', started, Date.parse(at(1000))), 30000);
});

test('create: the image healthcheck fills what the body leaves unset; bad durations are refused', () => {
  const image = { Test: ['CMD', 'true'], Interval: 5 * S, Retries: 4 };
  assert.deepEqual(mergeHealthcheck(undefined, image), image);
  assert.deepEqual(mergeHealthcheck({ Interval: S }, image), { Test: ['CMD', 'true'], Interval: S, Retries: 4 });
  assert.deepEqual(mergeHealthcheck({ Test: ['NONE'] }, image), { Test: ['NONE'], Interval: 5 * S, Retries: 4 });
  assert.throws(() => validateHealthcheck({ Interval: 1000 }), /Interval in Healthcheck cannot be less than 1ms/);
  assert.throws(() => validateHealthcheck({ Retries: -1 }), /Retries in Healthcheck cannot be negative/);
  validateHealthcheck({ Interval: 0, Timeout: 1_000_000 });
});

test("Go's duration text in the timeout message", () => {
  assert.equal(goDuration(30 * S), '30s');
  assert.equal(goDuration(300_000_000), '300ms');
  assert.equal(goDuration(1.5 * S), '1.5s');
  assert.equal(goDuration(90 * S), '1m30s');
  assert.equal(goDuration(3600 * S), '1h0m0s');
});
