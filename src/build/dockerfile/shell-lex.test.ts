import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { expandVariables, processWord, processWords } from './shell-lex';

const env = new Map([
  ['A', 'apple'],
  ['E', ''],
  ['P', '/usr/bin'],
]);

test('$VAR and ${VAR}', () => {
  assert.equal(processWord('$A-${A}s $NOPE.', env), 'apple-apples .');
  assert.equal(processWord('cost $', env), 'cost $');
});

test('${VAR:-x} ${VAR-x} ${VAR:+x} ${VAR+x}', () => {
  assert.equal(processWord('${NOPE:-def}', env), 'def');
  assert.equal(processWord('${E:-def}', env), 'def');
  assert.equal(processWord('${E-def}', env), '');
  assert.equal(processWord('${A:-def}', env), 'apple');
  assert.equal(processWord('${A:+alt}', env), 'alt');
  assert.equal(processWord('${E:+alt}', env), '');
  assert.equal(processWord('${E+alt}', env), 'alt');
  assert.equal(processWord('${NOPE:-$P/x}', env), '/usr/bin/x');
  assert.throws(() => processWord('${NOPE:?must be set}', env), /NOPE: must be set/);
});

test('quotes and escapes', () => {
  assert.equal(processWord(`'$A' "$A" \\$A`, env), '$A apple $A');
  assert.equal(processWord('"a \\"q\\" b"', env), 'a "q" b');
  assert.equal(processWord('`$A', env, '`'), '$A');
  assert.throws(() => processWord('"open', env), /double-quote/);
});

test('words split on unquoted blanks only', () => {
  assert.deepEqual(processWords('a "b c" $A\\ x  ', env), ['a', 'b c', 'apple x']);
});

test('heredoc bodies expand variables and keep quotes', () => {
  assert.equal(expandVariables(`echo "$A" '\${P}' \\$A\n`, env), `echo "apple" '/usr/bin' $A\n`);
});
