#!/usr/bin/env node
// Bundles berthd (dist/src/daemon/main.js and everything it requires, npm
// packages included) into one file, dist/src/daemon/berthd.js, which
// bin/berthd runs. Run by `npm run build`, after tsc.
//
// Why: loading ~260 files through node's module loader runs its path
// functions (path.resolve's normalizeString, _nodeModulePaths) hot enough
// for V8 to optimize them with TurboFan during start-up, and that pages
// ≈3.6 MiB of TurboFan's own code in node's binary into berthd's RSS. From
// one file a fresh berthd never runs the optimizing compiler: 56 → 51.5 MiB
// idle (measured 2026-12-07). Modules required lazily stay lazy (esbuild
// runs each one's body on its first require).
//
// The bundle sits in dist/src/daemon/ like the module it replaces, so code
// that finds files from __dirname (dist/native/*.node, dist/page/) finds
// them the same way. Native addons and the packages that load them stay
// outside and are required from node_modules at run time.
'use strict';
const { buildSync } = require('esbuild');
const { join } = require('node:path');

const root = join(__dirname, '..');
buildSync({
  entryPoints: [join(root, 'dist', 'src', 'daemon', 'main.js')],
  outfile: join(root, 'dist', 'src', 'daemon', 'berthd.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // better-sqlite3's JS is bundled; its addon is loaded by path (src/metadata/db.ts).
  external: ['*.node', 'better-sqlite3/package.json', 'node-unix-socket', 'bufferutil', 'utf-8-validate'],
  // Whitespace and comments only: names stay, so stack traces in berthd's
  // log still name every function. The source text stays in V8's heap for
  // good, and this halves it (0.5 MiB).
  minifyWhitespace: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
