// Build options through docker-py, answered as Debian's dockerd 20.10's
// classic builder answers them: a failing RUN ends the stream with
// errorDetail (docker-py raises BuildError with its message), extra_hosts
// reach the RUN containers' /etc/hosts, network_mode puts them on none or a
// user network by name, and cache_from uses a loaded image's layers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestDaemon, type Daemon } from './harness';
import { dockerPy } from './docker-py';

let d: Daemon;
before(async () => {
  d = await startTestDaemon({ images: ['busybox'] });
});
after(async () => {
  await d?.stop();
});

const PRELUDE = `
import io, tarfile
def ctx(df):
    b = io.BytesIO()
    t = tarfile.open(fileobj=b, mode='w')
    data = df.encode()
    ti = tarfile.TarInfo('Dockerfile')
    ti.size = len(data)
    t.addfile(ti, io.BytesIO(data))
    t.close()
    b.seek(0)
    return b
def build(df, **kw):
    return list(api.build(fileobj=ctx(df), custom_context=True, decode=True, rm=True, **kw))
def printed(msgs):
    return [m['stream'].strip() for m in msgs if 'stream' in m and not m['stream'].startswith((' --->', 'Step', 'Successfully', 'Removing'))]
`;

test('docker-py: a failing RUN ends the stream with errorDetail; BuildError carries it', () => {
  const r = dockerPy(d.socket, `${PRELUDE}
print(json.dumps([m for m in build('FROM busybox\\nRUN exit 3\\n') if 'error' in m or 'errorDetail' in m]))
try:
    client.images.build(fileobj=ctx('FROM busybox\\nRUN exit 3\\n'), custom_context=True)
except docker.errors.BuildError as e:
    print(e.msg)
`);
  assert.equal(r.code, 0, r.stderr);
  const msg = "The command '/bin/sh -c exit 3' returned a non-zero code: 3";
  assert.equal(r.stdout, `${JSON.stringify([{ errorDetail: { code: 3, message: msg }, error: msg }]).replace(/":/g, '": ').replace(/,"/g, ', "')}\n${msg}\n`);
});

test('docker-py: extra_hosts and network_mode reach the RUN containers', () => {
  const r = dockerPy(d.socket, `${PRELUDE}
print(printed(build('FROM busybox\\nRUN grep extrahost /etc/hosts\\n', extra_hosts={'extrahost.local': '10.9.9.9'}, nocache=True)))
count = 'FROM busybox\\nRUN ip -4 -o addr show | grep -vc " lo "\\n'
print(printed(build(count, network_mode='none', nocache=True)))
net = api.create_network('pybuildnet')
sub = api.inspect_network('pybuildnet')['IPAM']['Config'][0]['Subnet'].rsplit('.', 2)[0]
print(printed(build('FROM busybox\\nRUN ip -4 -o addr show eth0 | grep -c " %s\\\\."\\n' % sub, network_mode='pybuildnet', nocache=True)))
print([m['error'] for m in build(count, network_mode='nosuchnet', nocache=True) if 'error' in m])
api.remove_network('pybuildnet')
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ["['10.9.9.9\\textrahost.local']", "['0']", "['1']", "['network nosuchnet not found']"]);
});

test('docker-py: cache_from uses a loaded image as the cache', () => {
  const r = dockerPy(d.socket, `${PRELUDE}
df = 'FROM busybox\\nRUN echo cached > /f\\n'
build(df, tag='cf:1')
data = b''.join(api.get_image('cf:1'))
api.remove_image('cf:1')
list(api.load_image(data))
print(any('Using cache' in m.get('stream', '') for m in build(df)))
print(any('Using cache' in m.get('stream', '') for m in build(df, cache_from=['cf:1'])))
`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'False\nTrue\n');
});
