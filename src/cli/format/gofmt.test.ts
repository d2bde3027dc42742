import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatFloat } from './gofloat.js';
import { formatValue, quote, sprint, sprintf, sprintln } from './gofmt.js';
import { goJSON, GoJSONError, setMarshalJSON } from './gojson.js';
import { goKind, goMap, goStruct } from './gotypes.js';

test('formatFloat rounds exact halves to even, like strconv', () => {
  assert.equal(formatFloat(1.125, 'g', 3), '1.12'); // JS toPrecision says 1.13
  assert.equal(formatFloat(1.135, 'g', 3), '1.14'); // 1.135 is really 1.13500000000000000888…
  assert.equal(formatFloat(0.125, 'f', 2), '0.12');
  assert.equal(formatFloat(2.5, 'f', 0), '2');
  assert.equal(formatFloat(3.5, 'f', 0), '4');
});

test('formatFloat %g switches to exponents where Go does', () => {
  assert.equal(formatFloat(999.5, 'g', 3), '1e+03');
  assert.equal(formatFloat(100, 'g', 3), '100');
  assert.equal(formatFloat(1, 'g', 3), '1');
  assert.equal(formatFloat(1e6, 'g', -1), '1e+06');
  assert.equal(formatFloat(123456, 'g', -1), '123456');
  assert.equal(formatFloat(0.0001, 'g', -1), '0.0001');
  assert.equal(formatFloat(0.00001, 'g', -1), '1e-05');
  assert.equal(formatFloat(0, 'g', -1), '0');
  assert.equal(formatFloat(-2.5, 'e', 2), '-2.50e+00');
  assert.equal(formatFloat(1234.5678, 'f', 2), '1234.57');
  assert.equal(formatFloat(Infinity, 'g', -1), '+Inf');
  assert.equal(formatFloat(NaN, 'f', 2), 'NaN');
});

test('formatValue prints like fmt %v', () => {
  assert.equal(formatValue(null), '<nil>');
  assert.equal(formatValue(undefined), '<nil>');
  assert.equal(formatValue(42), '42');
  assert.equal(formatValue(-0.5), '-0.5');
  assert.equal(formatValue([1, 'a', null, [true]]), '[1 a <nil> [true]]');
  assert.equal(formatValue({ 'b.x': 1, 'a.y': 'z' }), 'map[a.y:z b.x:1]');
  assert.equal(formatValue({ Status: 'running', Pid: 12 }), '{running 12}');
  assert.equal(formatValue({ Status: 'running', Pid: 12 }, true), '{Status:running Pid:12}');
  assert.equal(formatValue(goMap({ Zed: 1, Alpha: 2 })), 'map[Alpha:2 Zed:1]');
});

test('goKind tells maps from structs', () => {
  assert.equal(goKind({ Hostname: 'h' }), 'struct');
  assert.equal(goKind({ 'com.example': 'x' }), 'map');
  assert.equal(goKind({}), 'map');
  assert.equal(goKind(goStruct({}, 'T')), 'struct');
  assert.equal(goKind(2), 'int');
  assert.equal(goKind(2.5), 'float');
  assert.equal(goKind(1e300), 'float');
});

test('sprint, sprintln and sprintf follow fmt', () => {
  assert.equal(sprint([1, 2, 'a', 'b', 3]), '1 2ab3');
  assert.equal(sprintln(['a', 1]), 'a 1\n');
  assert.equal(sprintf('%5.1f|%-6d|%06.2f|%+d|%x|%#x|%o|%b|%c|%U', [3.14159, 7, -1.5, 3, -255, 255, 8, 5, 65, 0x1f600]),
    '  3.1|7     |-01.50|+3|-ff|0xff|10|101|A|U+1F600');
  assert.equal(sprintf('%s|%10.3s|%q|%v|%t', ['x', 'abcdef', 'a"b', { k: 'v' }, false]), 'x|       abc|"a\\"b"|map[k:v]|false');
  assert.equal(sprintf('%d%%', [50]), '50%');
  assert.equal(sprintf('%d %z', [1.5, 1]), '%!d(float64=1.5) %!z(int=1)');
  assert.equal(sprintf('%s', []), '%!s(MISSING)');
  assert.equal(sprintf('%*d|%-*d|', [4, 1, 3, 2]), '   1|2  |');
  assert.equal(sprintf('%s %d', [['a', 'b'], [1, 2]]), '[a b] [1 2]');
});

test('quote is strconv.Quote', () => {
  assert.equal(quote('a\tb\n'), '"a\\tb\\n"');
  assert.equal(quote('\x07\x1b\x7f'), '"\\a\\x1b\\x7f"');
  assert.equal(quote('é"\\'), '"é\\"\\\\"');
  assert.equal(quote('\u00a0'), '"\\u00a0"');
});

test('goJSON matches encoding/json', () => {
  assert.equal(goJSON({ b: 1, a: [1.5, null, 'x'] }), '{"a":[1.5,null,"x"],"b":1}');
  assert.equal(goJSON({ Zed: 1, Alpha: 2 }), '{"Zed":1,"Alpha":2}'); // struct fields keep their order
  assert.equal(goJSON('<a&b>'), '"\\u003ca\\u0026b\\u003e"');
  assert.equal(goJSON('<a&b>', { escapeHTML: false }), '"<a&b>"');
  assert.equal(goJSON('\u2028'), '"\\u2028"');
  assert.equal(goJSON(1e21), '1e+21');
  assert.equal(goJSON(1e-7), '1e-7');
  assert.equal(goJSON({ f: () => 1, u: undefined, n: null }), '{"n":null}');
  assert.throws(() => goJSON(NaN), GoJSONError);
  const raw = {};
  setMarshalJSON(raw, () => '{"raw":true}');
  assert.equal(goJSON([raw]), '[{"raw":true}]');
});
