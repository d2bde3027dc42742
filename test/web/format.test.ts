// The dashboard's pure helpers (web/format.ts), run under node: they hold no DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bytes, cpuPercent, createBody, dockerRunLine, looksSecret, memoryUsed, splitWords, type RunForm, type Stats } from '../../web/format';

const form = (f: Partial<RunForm>): RunForm => ({ image: 'busybox', name: '', command: '', ports: '', env: '', volumes: '', restart: 'no', detach: true, autoRemove: false, ...f });

test('dockerRunLine: the flags of the form, quoted for a shell', () => {
  assert.equal(dockerRunLine(form({})), 'docker run -d busybox');
  assert.equal(
    dockerRunLine(form({ name: 'web', ports: '8080:80\n127.0.0.1:53:53/udp', env: "A=1, B=it's", volumes: 'data:/data', restart: 'always', autoRemove: true, command: `sh -c "echo hi; sleep 1"` })),
    `docker run -d --rm --name web --restart always -p 8080:80 -p 127.0.0.1:53:53/udp -e A=1 -e 'B=it'\\''s' -v data:/data busybox sh -c 'echo hi; sleep 1'`,
  );
});

test('createBody: what docker run sends for the same form', () => {
  const b = createBody(form({ ports: '8080:80\n127.0.0.1:53:53/udp\n9000', command: "sh -c 'a b'" })) as any;
  assert.deepEqual(b.Cmd, ['sh', '-c', 'a b']);
  assert.deepEqual(b.ExposedPorts, { '80/tcp': {}, '53/udp': {}, '9000/tcp': {} });
  assert.deepEqual(b.HostConfig.PortBindings, {
    '80/tcp': [{ HostIp: '', HostPort: '8080' }],
    '53/udp': [{ HostIp: '127.0.0.1', HostPort: '53' }],
    '9000/tcp': [{ HostIp: '', HostPort: '' }],
  });
  assert.equal(createBody(form({})).Cmd, undefined, 'no command: the image decides');
});

test('splitWords, looksSecret, bytes', () => {
  assert.deepEqual(splitWords(`a 'b c' "d \\"e\\"" f`), ['a', 'b c', 'd "e"', 'f']);
  for (const k of ['DB_PASSWORD', 'api_key', 'GITHUB_TOKEN', 'SECRET', 'AWS_SECRET_ACCESS_KEY']) assert.ok(looksSecret(k), k);
  for (const k of ['PATH', 'HOME', 'MODE']) assert.ok(!looksSecret(k), k);
  assert.equal(bytes(512), '512 B');
  assert.equal(bytes(1536), '1.5 KiB');
  assert.equal(bytes(null), '—');
});

test('cpuPercent and memoryUsed as docker stats computes them', () => {
  const s: Stats = {
    read: '',
    cpu_stats: { cpu_usage: { total_usage: 3e9 }, system_cpu_usage: 20e9, online_cpus: 2 },
    precpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 10e9 },
    memory_stats: { usage: 100 << 20, stats: { inactive_file: 30 << 20 } },
  };
  assert.equal(cpuPercent(s), 20);
  assert.equal(memoryUsed(s), 70 << 20);
});
