// Container listing and legacy links through docker-py, answered as Debian's
// dockerd 20.10 answers the same calls (outputs taken from it): what a limit,
// since/before and status count, the names and forms links give, and
// removing a link with DELETE /containers/{parent/alias}?link=true.
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

test('docker-py: containers() with limit, since, before and filters counts as dockerd', () => {
  const r = dockerPy(d.socket, `
names = ['l1', 'l2', 'l3', 'l4', 'l5']
# l1 exited, l2 running, l3 exited, l4 running, l5 created
for n, cmd in [('l1', 'true'), ('l2', 'sleep 60'), ('l3', 'true'), ('l4', 'sleep 60')]:
    api.create_container('busybox', cmd, name=n)
    api.start(n)
    if cmd == 'true':
        api.wait(n)
api.create_container('busybox', 'true', name='l5')
def ls(**kw):
    return ','.join(x['Names'][0][1:] for x in api.containers(**kw))
print(ls())
print(ls(all=True))
print(ls(limit=2))
print(ls(limit=0))
print(ls(latest=True))
# docker-py sends since/before as the legacy query parameters: dockerd ignores them
print(ls(since='l2'))
print(ls(before='l4'))
print(ls(filters={'since': 'l2'}))
print(ls(filters={'before': 'l4'}))
print(ls(filters={'since': 'l1'}, limit=2))
print(ls(filters={'exited': '0'}))
print(ls(filters={'exited': '0'}, all=True))
print(ls(filters={'status': 'created'}))
for n in names:
    api.remove_container(n, force=True)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    'l4,l2',
    'l5,l4,l3,l2,l1',
    'l5,l4',
    'l4,l2',
    'l5',
    'l4,l2',
    'l4,l2',
    'l4',
    'l2',
    'l5,l4',
    '',
    'l3,l1',
    'l5',
  ]);
});

test('docker-py: links show as dockerd shows them, and remove_container(link=True) drops one', () => {
  const r = dockerPy(d.socket, `
api.create_container('busybox', 'sleep 60', name='child')
api.start('child')
api.create_container('busybox', 'sleep 60', name='parent', host_config=api.create_host_config(links={'child': 'db'}))
api.start('parent')
def hosts():
    return api.exec_start(api.exec_create('parent', 'grep -cw db /etc/hosts')).decode().strip()
print(api.inspect_container('parent')['HostConfig']['Links'])
print(sorted(x['Names'] for x in api.containers()))
print(hosts())
for ref in ['parent/db', 'parent/nope', 'nope/db', 'child']:
    try:
        api.remove_container(ref, link=True)
        print('ok')
    except docker.errors.APIError as e:
        print(e.status_code, e.explanation)
print(api.inspect_container('parent')['HostConfig']['Links'])
print(sorted(x['Names'] for x in api.containers()))
print(hosts())
api.remove_container('parent', force=True)
api.remove_container('child', force=True)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), [
    "['/child:/parent/db']",
    "[['/child', '/parent/db'], ['/parent']]",
    '1',
    'ok',
    '404 No such container: parent/nope',
    '404 No such container: nope/db',
    '500 Conflict, cannot remove the default link name of the container',
    'None',
    "[['/child'], ['/parent']]",
    '0',
  ]);
});

test('docker-py: a container removed by auto_remove is never a 409 on the next remove', () => {
  const r = dockerPy(d.socket, `
c = client.containers.run('busybox', 'true', detach=True, auto_remove=True)
c.wait()
try:
    c.remove()
    print('removed')
except docker.errors.NotFound:
    print('gone')
except docker.errors.APIError as e:
    print(e.status_code, e.explanation)
`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^(removed|gone)\n$/);
});
