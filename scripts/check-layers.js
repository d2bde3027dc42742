#!/usr/bin/env node
// Enforces DESIGN.md's direction of imports: each layer of src/ imports only
// layers listed before it; client imports only api/types; cli imports only
// client and api/types. Run by `npm test`; exits 1 listing every violation.
'use strict';
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative, resolve, dirname } = require('node:path');

const ORDER = ['api/types', 'errdefs', 'util', 'sys', 'events', 'content', 'snapshot', 'registry', 'runtime', 'network',
  'volume', 'metadata', 'image', 'container', 'build', 'api/server', 'api/routers', 'ui', 'daemon', 'client', 'cli'];
const ONLY = { client: ['api/types', 'client'], cli: ['api/types', 'client', 'cli'] };

const src = resolve(__dirname, '..', 'src');
const layerOf = (file) => {
  const rel = relative(src, file).split('\\').join('/');
  return ORDER.filter((l) => rel === l || rel.startsWith(l + '/')).sort((a, b) => b.length - a.length)[0];
};

function walk(dir, out = []) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (n.endsWith('.ts') && !n.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const problems = [];
for (const file of walk(src)) {
  const from = layerOf(file);
  if (!from) {
    problems.push(`${relative(src, file)}: not in any layer of DESIGN.md`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|require\(['"](\.[^'"]+)['"]\)/g)) {
    const target = resolve(dirname(file), m[1] ?? m[2]);
    const to = layerOf(target);
    if (!to || to === from) continue;
    const allowed = ONLY[from] ? ONLY[from].includes(to) : ORDER.indexOf(to) < ORDER.indexOf(from) && !['client', 'cli'].includes(to);
    if (!allowed) problems.push(`${relative(src, file)}: ${from} must not import ${to} (${m[1] ?? m[2]})`);
  }
}
if (problems.length) {
  console.error(`layer check: ${problems.length} violation(s)\n  ` + problems.join('\n  '));
  process.exit(1);
}
console.log('layer check: ok');
