import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cookieValue, Sessions } from './session';

test('sessions: only the login secret starts one; idle ones end', () => {
  let now = 1000;
  const s = new Sessions(() => now);
  assert.equal(s.login('wrong'), undefined);
  assert.equal(s.login(''), undefined);
  const a = s.login(s.loginSecret)!;
  assert.ok(a.id && a.csrf && a.id !== a.csrf);
  assert.equal(s.find(a.id), a);
  assert.equal(s.find('nope'), undefined);
  assert.equal(s.find(undefined), undefined);
  now += 13 * 3600_000;
  assert.equal(s.find(a.id), undefined);
});

test('cookieValue picks the named cookie', () => {
  assert.equal(cookieValue('a=1; berth_ui_80=xyz; b=2', 'berth_ui_80'), 'xyz');
  assert.equal(cookieValue('berth_ui_8080=xyz', 'berth_ui_80'), undefined);
  assert.equal(cookieValue(undefined, 'x'), undefined);
});
