#!/usr/bin/env node
// Bundles the dashboard's page (web/) into dist/page/: one app.js, one
// app.css (xterm's and uPlot's styles included) and index.html. berthd serves
// exactly these files; nothing is fetched from a CDN. Run by `npm run build`.
// (Not dist/web/: tsc puts web/format.ts there for its unit test.)
'use strict';
const { buildSync } = require('esbuild');
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const out = join(root, 'dist', 'page');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
buildSync({
  entryPoints: { app: join(root, 'web', 'main.tsx') },
  outdir: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'linked',
  logLevel: 'warning',
});
copyFileSync(join(root, 'web', 'index.html'), join(out, 'index.html'));
