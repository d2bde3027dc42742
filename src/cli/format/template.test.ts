import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTemplate, TemplateError } from './template.js';
import { goStruct } from './gotypes.js';

const run = (src: string, data?: unknown): string => parseTemplate(src).execute(data);
const fails = (src: string, data: unknown, message: string | RegExp): void => {
  assert.throws(() => run(src, data), (e: unknown) => {
    assert.ok(e instanceof TemplateError, `expected TemplateError, got ${String(e)}`);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
};

test('fields, nested fields, dot and root', () => {
  assert.equal(run('{{.Name}}', { Name: 'web' }), 'web');
  assert.equal(run('{{.Config.Image}}', { Config: { Image: 'busybox' } }), 'busybox');
  assert.equal(run('{{.}}', 'plain'), 'plain');
  assert.equal(run('{{with .A}}{{.B}}-{{$.C}}{{end}}', { A: { B: 1 }, C: 2 }), '1-2');
  assert.equal(run('text only'), 'text only');
});

test('map keys through fields; missing keys print <no value>, nil prints <nil>', () => {
  const data = { Labels: { foo: 'bar' }, Health: null };
  assert.equal(run('{{.Labels.foo}}', data), 'bar');
  assert.equal(run('{{.Labels.nope}}', data), '<no value>');
  assert.equal(run('{{.Missing.Deeper}}', data), '<no value>');
  assert.equal(run('{{.Health}}', data), '<nil>');
  assert.equal(run('{{print .Missing}}', data), '<nil>');
});

test('method calls, with arguments and piped values', () => {
  const row = {
    ID: () => 'abc',
    Label(name: string) {
      return name === 'com.example' ? 'yes' : '';
    },
  };
  assert.equal(run('{{.ID}}', row), 'abc');
  assert.equal(run('{{.Label "com.example"}}', row), 'yes');
  assert.equal(run('{{"com.example" | .Label}}', row), 'yes');
  class Ctx {
    constructor(private readonly name: string) {}
    Names(): string {
      return this.name;
    }
  }
  assert.equal(run('{{.Names}}', new Ctx('db')), 'db');
});

test('errors for missing fields on structs, in Go words', () => {
  fails('{{.Foo}}', goStruct({ ID: 'x' }, '*formatter.ContainerContext'),
    'template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ContainerContext');
  class Ctx {}
  fails('x\n {{.Bar}}', new Ctx(), 'template: :2:3: executing "" at <.Bar>: can\'t evaluate field Bar in type *Ctx');
  fails('{{.S.X}}', { S: 'str' }, /can't evaluate field X in type string/);
  fails('{{.A.B}}', { A: null }, /nil pointer evaluating interface \{\}\.B/);
});

test('parse errors', () => {
  fails('{{foo}}', {}, 'template: :1: function "foo" not defined');
  fails('{{.X', {}, 'template: :1: unclosed action');
  fails('a\n{{if .X}}', {}, 'template: :2: unexpected EOF');
  fails('{{end}}', {}, 'template: :1: unexpected {{end}}');
  fails('{{$x}}', {}, 'template: :1: undefined variable "$x"');
  fails('{{if}}{{end}}', {}, 'template: :1: missing value for if');
  fails('{{"unterminated}}', {}, 'template: :1: unterminated quoted string');
  fails('{{.X | "lit"}}', {}, 'template: :1: non executable command in pipeline stage 2');
  fails('{{break}}', {}, 'template: :1: {{break}} outside {{range}}');
});

test('json: compact, Go key order, no HTML escaping in docker\'s json function', () => {
  const data = { Config: { Hostname: 'h', Labels: { z: '1', a: '<&>' }, Env: ['A=1'], Cmd: null, Tty: false, N: 1.5 } };
  assert.equal(run('{{json .Config}}', data),
    '{"Hostname":"h","Labels":{"a":"<&>","z":"1"},"Env":["A=1"],"Cmd":null,"Tty":false,"N":1.5}');
  assert.equal(run('{{json .Missing}}', data), 'null');
  assert.equal(run('{{json "\u2028"}}', data), '"\\u2028"');
  assert.equal(run('{{.Labels | json}}', { Labels: { b: 2, a: 1 } }), '{"a":1,"b":2}');
});

test('index on maps, arrays, strings and nested keys', () => {
  const data = { Labels: { k: 'v' }, Ports: { '80/tcp': [{ HostPort: '8080' }] }, L: ['a', 'b'], Any: { n: 1 } };
  assert.equal(run('{{index .Labels "k"}}', data), 'v');
  assert.equal(run('{{index .Labels "missing"}}', data), ''); // map[string]string zero value
  assert.equal(run('{{index .Any "missing"}}', data), '<no value>');
  assert.equal(run('{{index .L 1}}', data), 'b');
  assert.equal(run('{{(index (index .Ports "80/tcp") 0).HostPort}}', data), '8080');
  assert.equal(run('{{index .Ports "80/tcp" 0 "HostPort"}}', data), '8080');
  assert.equal(run('{{index "abc" 0}}', data), '97');
  fails('{{index .L 5}}', data, 'template: :1:2: executing "" at <index .L 5>: error calling index: index out of range: 5');
});

test('range: values, $i $v, maps in key order, else, break and continue, ints', () => {
  const data = { L: ['a', 'b'], M: { b: 2, a: 1 }, E: [], N: null };
  assert.equal(run('{{range .L}}[{{.}}]{{end}}', data), '[a][b]');
  assert.equal(run('{{range $i, $v := .L}}{{$i}}={{$v}} {{end}}', data), '0=a 1=b ');
  assert.equal(run('{{range $v := .L}}{{$v}}{{end}}', data), 'ab');
  assert.equal(run('{{range $k, $v := .M}}{{$k}}:{{$v}},{{end}}', data), 'a:1,b:2,');
  assert.equal(run('{{range .E}}x{{else}}empty{{end}}|{{range .N}}x{{else}}nil{{end}}', data), 'empty|nil');
  assert.equal(run('{{range .L}}{{if eq . "a"}}{{continue}}{{end}}{{.}}{{end}}', data), 'b');
  assert.equal(run('{{range .L}}{{.}}{{break}}{{end}}', data), 'a');
  assert.equal(run('{{range 3}}{{.}}{{end}}', data), '012');
  fails('{{range .S}}{{end}}', { S: 'str' }, /range can't iterate over str/);
});

test('if / else if / else, with / else, and truthiness', () => {
  const t = parseTemplate('{{if eq .S "a"}}A{{else if eq .S "b" "c"}}BC{{else}}other{{end}}');
  assert.equal(t.execute({ S: 'a' }), 'A');
  assert.equal(t.execute({ S: 'c' }), 'BC');
  assert.equal(t.execute({ S: 'z' }), 'other');
  assert.equal(run('{{with .X}}has {{.}}{{else}}none{{end}}', { X: '' }), 'none');
  assert.equal(run('{{with $v := .X}}{{$v}}{{end}}', { X: 'x' }), 'x');
  assert.equal(run('{{if .L}}y{{else}}n{{end}}{{if .M}}y{{else}}n{{end}}{{if 0}}y{{else}}n{{end}}', { L: [], M: {} }), 'nnn');
});

test('variables: declare, assign, scope', () => {
  assert.equal(run('{{$x := 1}}{{$x = 2}}{{$x}}'), '2');
  assert.equal(run('{{$x := "out"}}{{range .L}}{{$x = .}}{{end}}{{$x}}', { L: ['a', 'b'] }), 'b');
  assert.equal(run('{{if true}}{{$y := 1}}{{$y}}{{end}}'), '1');
  fails('{{if true}}{{$y := 1}}{{end}}{{$y}}', {}, 'template: :1: undefined variable "$y"');
});

test('comments and trim markers', () => {
  assert.equal(run('{{/* a comment */}}x'), 'x');
  assert.equal(run('a  \n {{- .X -}} \n  b', { X: 1 }), 'a1b');
  assert.equal(run('a {{- /* c */ -}} b'), 'ab');
  assert.equal(run('{{-3}}'), '-3'); // not a trim marker without the space
  assert.equal(run('{{range .L -}}\n  {{.}}\n{{- end}}', { L: [1, 2] }), '12');
});

test('literals: strings with Go escapes, raw strings, numbers, bools, chars', () => {
  assert.equal(run('{{"a\\tb\\u00e9\\x41"}}'), 'a\tbéA');
  assert.equal(run('{{`raw\\n`}}'), 'raw\\n');
  assert.equal(run('{{1.5}} {{1e6}} {{0x1F}} {{017}} {{1_000}} {{\'a\'}} {{true}}'), '1.5 1000000 31 15 1000 97 true');
  assert.equal(run('{{printf "%v %v" nil 2}}'), '<nil> 2');
});

test('printing values the way Go does', () => {
  const data = {
    L: ['a', 'b', 3],
    M: { b: 1, a: [1, 2] },
    Empty: {},
    Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] },
    Exposed: { '80/tcp': {} },
    F: 0.1,
    Big: 1e21,
  };
  assert.equal(run('{{.L}} {{.M}} {{.Empty}}', data), '[a b 3] map[a:[1 2] b:1] map[]');
  assert.equal(run('{{.Ports}} {{.Exposed}}', data), 'map[80/tcp:[{0.0.0.0 8080}]] map[80/tcp:{}]');
  assert.equal(run('{{.F}} {{.Big}} {{true}}', data), '0.1 1e+21 true');
});

test('docker functions: join split lower upper title pad truncate len slice', () => {
  const data = { Names: ['web', 'db'], S: 'Hello World', ID: 'abcdef123456' };
  assert.equal(run('{{join .Names ","}}', data), 'web,db');
  assert.equal(run('{{split "a:b:c" ":"}}', data), '[a b c]');
  assert.equal(run('{{index (split .S " ") 1}}', data), 'World');
  assert.equal(run('{{lower .S}} {{upper .S}} {{title "hello wide-world"}}', data), 'hello world HELLO WORLD Hello Wide-World');
  assert.equal(run('[{{pad .ID 1 2}}][{{pad "" 1 2}}]', data), '[ abcdef123456  ][]');
  assert.equal(run('{{truncate .ID 6}} {{truncate "ab" 6}}', data), 'abcdef ab');
  assert.equal(run('{{len .Names}} {{len .S}} {{len "é"}}', data), '2 11 2');
  assert.equal(run('{{slice .ID 0 3}} {{slice .Names 1}}', data), 'abc [db]');
  fails('{{.Names | join ","}}', data, /wrong type for value; expected \[\]string; got string/);
  fails('{{upper}}', data, /wrong number of args for upper: want 1 got 0/);
});

test('print, println, printf with verbs and widths', () => {
  assert.equal(run('{{print 1 2 "a" "b" 3}}'), '1 2ab3');
  assert.equal(run('{{println "a" 1}}'), 'a 1\n');
  assert.equal(run('{{printf "%-10s|%5d|%05d|%q|%t|%x|%X|%v" "ab" 42 -42 "hi\\n" true 255 "hi" .}}', [1, 'x']),
    'ab        |   42|-0042|"hi\\n"|true|ff|6869|[1 x]');
  assert.equal(run('{{printf "%.2f %e %g %s" 3.14159 1234.5 0.000012 .}}', 'x'), '3.14 1.234500e+03 1.2e-05 x');
  assert.equal(run('{{printf "%d %s" "x"}}'), '%!d(string=x) %!s(MISSING)');
  assert.equal(run('{{printf "%s" 1 2}}'), '%!s(int=1)%!(EXTRA int=2)');
  assert.equal(run('{{.Name | printf "%s!"}}', { Name: 'n' }), 'n!');
});

test('and, or, not, comparisons', () => {
  assert.equal(run('{{and 1 0 2}} {{and 1 2}} {{or 0 "" 3}} {{or 0 ""}} {{not 0}}'), '0 2 3  true');
  // and/or stop early: the erroring call is never evaluated
  assert.equal(run('{{or 1 (index .L 9)}}', { L: [] }), '1');
  assert.equal(run('{{eq 1 1}} {{eq "a" "b" "a"}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge "b" "a"}}'), 'true true true true true false true');
  assert.equal(run('{{eq .Missing "x"}}', {}), 'false');
  fails('{{eq 1 "a"}}', {}, /error calling eq: incompatible types for comparison/);
  fails('{{lt .L 1}}', { L: [] }, /invalid type for comparison/);
});

test('execution errors keep the output written before them', () => {
  try {
    run('before {{.A.B}} after', { A: 'x' });
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof TemplateError);
    assert.equal(e.partial, 'before ');
  }
});

test('execute-time function overrides and extra functions', () => {
  const t = parseTemplate('{{upper .X}}|{{shout .X}}', { funcs: { shout: (s: string) => s + '!' } });
  assert.equal(t.execute({ X: 'a' }), 'A|a!');
  assert.equal(t.execute({ X: 'a' }, { funcs: { upper: (s: string) => s } }), 'a|a!');
  assert.deepEqual(parseTemplate('{{.A}} {{.B.C}} {{if .D}}{{end}} {{$.E}} {{.F "x"}}').fieldNames(), ['A', 'B', 'D', 'E', 'F']);
});
