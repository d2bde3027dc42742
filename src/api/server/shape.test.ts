import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkShape, type Shape } from './shape';

const S: Shape = { struct: 'Config', fields: { Image: 'string', Cmd: 'strslice', Env: { list: 'string' }, HostConfig: { struct: 'HostConfig', fields: { Memory: 'int', Privileged: 'bool', Sysctls: { map: 'string' }, ConsoleSize: { tuple: ['int', 'int'] } } } } };

test('wrong JSON types get Go-style unmarshal errors; null and unknown fields pass', () => {
  checkShape({ Image: 'x', Cmd: 'echo hi', Env: null, Other: 1, HostConfig: { Memory: 5, ConsoleSize: [1, 2] } }, S, 'Config');
  assert.throws(() => checkShape({ Image: 123 }, S, 'Config'), /json: cannot unmarshal number into Go struct field Config.Image of type string/);
  assert.throws(() => checkShape({ Cmd: [1] }, S, 'Config'), /Config.Cmd of type strslice.StrSlice/);
  assert.throws(() => checkShape({ Env: 'A=1' }, S, 'Config'), /cannot unmarshal string into Go struct field Config.Env of type \[\]string/);
  assert.throws(() => checkShape({ HostConfig: 'no' }, S, 'Config'), /cannot unmarshal string into Go struct field Config.HostConfig of type container.HostConfig/);
  assert.throws(() => checkShape({ HostConfig: { Memory: 1.5 } }, S, 'Config'), /HostConfig.Memory of type int64/);
  assert.throws(() => checkShape({ HostConfig: { Privileged: 'yes' } }, S, 'Config'), /HostConfig.Privileged of type bool/);
  assert.throws(() => checkShape({ HostConfig: { Sysctls: { a: 1 } } }, S, 'Config'), /HostConfig.Sysctls of type string/);
  assert.throws(() => checkShape({ HostConfig: { ConsoleSize: [1] } }, S, 'Config'), /ConsoleSize/);
});
