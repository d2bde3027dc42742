import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTemplate } from '../format/template';
import { eventContext, eventLine } from './events';

const msg = {
  status: 'start',
  id: 'abc',
  from: 'busybox',
  Type: 'container',
  Action: 'start',
  Actor: { ID: 'abc', Attributes: { name: 'x', image: 'busybox', 'com.example': 'a<b' } },
  scope: 'local',
  time: 1795000000,
  timeNano: 1795000000123456789,
};
const nano = 1795000000123456789n;

test('default line: RFC3339NanoFixed time, sorted attributes', { skip: new Date().getTimezoneOffset() !== 0 && 'needs UTC' }, () => {
  assert.equal(eventLine(msg, nano), '2026-11-18T11:06:40.123456789Z container start abc (com.example=a<b, image=busybox, name=x)\n');
  assert.equal(eventLine({ ...msg, Actor: { ID: 'v' }, Type: 'volume', Action: 'create' }, 1795000000000000001n), '2026-11-18T11:06:40.000000001Z volume create v\n');
});

test('--format templates see Go field names; {{json .}} uses the json tags', () => {
  const ctx = eventContext(msg, nano);
  assert.equal(parseTemplate('{{.Type}} {{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}} {{.Status}} {{.From}} {{.TimeNano}}').execute(ctx), 'container start abc x start busybox 1795000000123456789');
  assert.equal(
    parseTemplate('{{json .}}').execute(ctx),
    '{"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"com.example":"a<b","image":"busybox","name":"x"}},"scope":"local","time":1795000000,"timeNano":1795000000123456789}',
  );
  assert.throws(() => parseTemplate('{{.Nope}}').execute(eventContext({ Type: '', Action: '', Actor: { ID: '' }, time: 0, timeNano: 0 }, 0n)));
});
