import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayWidth, tabwrite } from './tabwriter.js';

test('docker ps layout: minwidth 10, padding 3, last column not aligned', () => {
  const input =
    'CONTAINER ID\tIMAGE\tCOMMAND\tCREATED\tSTATUS\tPORTS\tNAMES\n' +
    'abc123def456\tbusybox\t"sh"\t2 minutes ago\tUp 2 minutes\t\tweb\n' +
    '0123456789ab\tnginx:latest\t"/docker-entrypoint.…"\t3 hours ago\tExited (0) 1 hour ago\t0.0.0.0:8080->80/tcp\tproxy\n';
  const expected =
    'CONTAINER ID   IMAGE          COMMAND                  CREATED         STATUS                  PORTS                  NAMES\n' +
    'abc123def456   busybox        "sh"                     2 minutes ago   Up 2 minutes                                   web\n' +
    '0123456789ab   nginx:latest   "/docker-entrypoint.…"   3 hours ago     Exited (0) 1 hour ago   0.0.0.0:8080->80/tcp   proxy\n';
  assert.equal(tabwrite(input), expected);
});

test('short columns are padded to minwidth 10', () => {
  assert.equal(tabwrite('ID\tNAME\na\tb\n'), 'ID        NAME\na         b\n');
  assert.equal(tabwrite('DRIVER\tVOLUME NAME\n'), 'DRIVER    VOLUME NAME\n');
});

test('column blocks are runs of lines that have the column (Go\'s example)', () => {
  const input = 'aaaa\tbbb\td\naa\tb\tdd\na\t\naa\tcccc\teee\n';
  const expected = 'aaaa      bbb       d\naa        b         dd\na         \naa        cccc      eee\n';
  assert.equal(tabwrite(input), expected);
  // A line without tabs ends every block: the columns after it are sized on their own.
  assert.equal(tabwrite('a\tbbbbbbbbbbbbbbbb\nplain\nc\td\n'), 'a         bbbbbbbbbbbbbbbb\nplain\nc         d\n');
  assert.equal(tabwrite('xxxxxxxxxxxxxxxx\ty\nz\tw\n', { minwidth: 0, padding: 1 }), 'xxxxxxxxxxxxxxxx y\nz                w\n');
});

test('cells are terminated by tabs: trailing tab and unterminated text', () => {
  assert.equal(tabwrite('a\tb\t\n'), 'a         b         \n'); // newline keeps the empty last cell
  assert.equal(tabwrite('a\tb\t'), 'a         b'); // at the end, b is the unaligned last cell
  assert.equal(tabwrite('a\tb'), 'a         b');
  assert.equal(tabwrite(''), '');
  assert.equal(tabwrite('\n\n'), '\n\n');
});

test('options: padding char, right alignment, form feed', () => {
  assert.equal(tabwrite('a\tb\n', { padchar: '.', minwidth: 4, padding: 1 }), 'a...b\n');
  assert.equal(tabwrite('a\tb\nccc\td\n', { alignRight: true, minwidth: 0, padding: 1 }), '   ab\n cccd\n');
  assert.equal(tabwrite('aaaaaaaaaaaaaa\tb\fc\td\n'), 'aaaaaaaaaaaaaa   b\nc         d\n');
});

test('display width counts East Asian wide characters double and marks zero', () => {
  assert.equal(displayWidth('abc'), 3);
  assert.equal(displayWidth('名前'), 4);
  assert.equal(displayWidth('e\u0301'), 1);
  assert.equal(displayWidth('🐳'), 2);
  assert.equal(tabwrite('名前\tx\nab\ty\n'), '名前      x\nab        y\n');
});
