import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indentJSON, inspectArray } from './json';

test('indentJSON matches Go json.Indent with 4 spaces', () => {
  const raw = '{"Id":"x","Args":[],"Config":{},"Labels":{"2":"b","1":"a"},"N":1.50,"Big":12345678901234567890,"S":"a\\"b{,}"}';
  assert.equal(
    indentJSON(raw),
    '{\n    "Id": "x",\n    "Args": [],\n    "Config": {},\n    "Labels": {\n        "2": "b",\n        "1": "a"\n    },\n    "N": 1.50,\n    "Big": 12345678901234567890,\n    "S": "a\\"b{,}"\n}',
  );
});

test('inspectArray: one array for all objects, [] when none', () => {
  assert.equal(inspectArray([]), '[]\n');
  assert.equal(inspectArray(['{"a":1}\n', '{"b":[1,2]}']), '[\n    {\n        "a": 1\n    },\n    {\n        "b": [\n            1,\n            2\n        ]\n    }\n]\n');
});
