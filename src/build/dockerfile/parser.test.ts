import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDockerfile, parseFlags, parseNameValues } from './parser';

test('instructions, comments, continuations and the exec form', () => {
  const df = parseDockerfile(['# a comment', 'FROM busybox AS b', '', 'RUN echo a \\', '  # inside', '    && echo b', 'CMD ["sh", "-c", "x"]', 'cmd not [json'].join('\n'));
  assert.deepEqual(df.instructions.map((i) => i.cmd), ['from', 'run', 'cmd', 'cmd']);
  assert.equal(df.instructions[1].original, 'RUN echo a     && echo b');
  assert.equal(df.instructions[1].line, 4);
  assert.deepEqual(df.instructions[2].json, ['sh', '-c', 'x']);
  assert.equal(df.instructions[3].json, undefined);
});

test('the escape directive switches the continuation character', () => {
  const df = parseDockerfile('# escape=`\nFROM x\nRUN dir c:\\ `\n  /w');
  assert.equal(df.escape, '`');
  assert.equal(df.instructions[1].rest, 'dir c:\\   /w');
});

test('directives are only read at the top', () => {
  const df = parseDockerfile('FROM x\n# escape=`\nRUN a \\\n b');
  assert.equal(df.escape, '\\');
  assert.equal(df.instructions[1].rest, 'a  b');
});

test('heredocs: body, <<- tab stripping, quoted delimiters do not expand', () => {
  const df = parseDockerfile('FROM x\nRUN <<EOF\necho $A\nEOF\nCOPY <<-"END" /f\n\tline\nEND\nRUN true');
  const [, run, copy, last] = df.instructions;
  assert.deepEqual(run.heredocs, [{ name: 'EOF', content: 'echo $A\n', expand: true }]);
  assert.deepEqual(copy.heredocs, [{ name: 'END', content: 'line\n', expand: false }]);
  assert.equal(last.rest, 'true');
  assert.throws(() => parseDockerfile('FROM x\nRUN <<EOF\nno end'), /line 2: unterminated heredoc EOF/);
});

test('unknown instructions name the line', () => {
  assert.throws(() => parseDockerfile('FROM x\n\nRUNN echo'), /dockerfile parse error on line 3: unknown instruction: RUNN/);
});

test('flags and name=value pairs', () => {
  const [, copy, env, env2, label] = parseDockerfile('FROM x\nCOPY --from=a --chown=1:2 s d\nENV A=1 B="two words" C=x\\ y\nENV OLD some value\nLABEL "k"="v"').instructions;
  assert.deepEqual([...parseFlags(copy, ['from', 'chown'])], [['from', ['a']], ['chown', ['1:2']]]);
  assert.throws(() => parseFlags(copy, ['from']), /unknown flag: chown/);
  assert.deepEqual(parseNameValues(env, '\\'), [['A', '1'], ['B', '"two words"'], ['C', 'x\\ y']]);
  assert.deepEqual(parseNameValues(env2, '\\'), [['OLD', 'some value']]);
  assert.deepEqual(parseNameValues(label, '\\'), [['"k"', '"v"']]);
});
