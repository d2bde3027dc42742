import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dfRows, renderDf } from './df';

test('system df summary: totals, active counts, reclaimable with Go integer percent', () => {
  const du = {
    LayersSize: 1000,
    Images: [
      { Id: 'sha256:a', ParentId: '', RepoTags: ['a:1'], RepoDigests: [], Created: 0, Size: 600, SharedSize: 100, Labels: null, Containers: 1 },
      { Id: 'sha256:b', ParentId: '', RepoTags: ['b:1'], RepoDigests: [], Created: 0, Size: 500, SharedSize: 100, Labels: null, Containers: 0 },
    ],
    Containers: [
      { Id: 'c1', State: 'running', SizeRw: 30 },
      { Id: 'c2', State: 'exited', SizeRw: 70 },
    ],
    Volumes: [
      { Name: 'v1', Driver: 'local', Mountpoint: '', Labels: null, Scope: 'local', Options: null, UsageData: { Size: 10, RefCount: 1 } },
      { Name: 'v2', Driver: 'local', Mountpoint: '', Labels: null, Scope: 'local', Options: null, UsageData: { Size: 20, RefCount: 0 } },
    ],
  };
  const rows = dfRows(du as never);
  assert.deepEqual(rows.map((r) => [r.Type, r.TotalCount, r.Active, r.Size, r.Reclaimable]), [
    ['Images', '2', '1', '1kB', '500B (50%)'],
    ['Containers', '2', '1', '100B', '70B (70%)'],
    ['Local Volumes', '2', '1', '30B', '20B (66%)'],
    ['Build Cache', '0', '0', '0B', '0B'],
  ]);
  assert.match(renderDf(du as never, undefined), /^TYPE\s+TOTAL\s+ACTIVE\s+SIZE\s+RECLAIMABLE\nImages\s+2\s+1\s+1kB\s+500B \(50%\)\n/);
  assert.equal(renderDf(du as never, '{{.Type}}:{{.Active}}'), 'Images:1\nContainers:1\nLocal Volumes:1\nBuild Cache:0\n');
});
