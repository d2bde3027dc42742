#!/usr/bin/env node
// Builds src/sys/native/sys.c into dist/native/berth_sys.node with the C
// compiler and the Node headers that come with Node (an N-API module links
// against nothing: node provides the symbols when it loads it). Run by
// `npm run build`. Without gcc or the headers it says so and berth falls
// back to spawning mount(8)/umount(8)/unshare(1) — slower, same behaviour.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const src = path.join(root, 'src/sys/native/sys.c');
const out = path.join(root, 'dist/native/berth_sys.node');
const candidates = [
  process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include/node'),
  path.resolve(process.execPath, '../../include/node'),
  '/usr/include/node',
].filter(Boolean);
const headers = candidates.find((d) => existsSync(path.join(d, 'node_api.h')));
if (!headers) {
  console.warn(`build-native: no node_api.h in ${candidates.join(', ')}: berth will spawn mount(8) instead`);
  process.exit(0);
}
mkdirSync(path.dirname(out), { recursive: true });
try {
  execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-shared', '-fPIC', `-I${headers}`, '-DNODE_GYP_MODULE_NAME=berth_sys', '-DBUILDING_NODE_EXTENSION', src, '-o', out], { stdio: 'inherit' });
} catch (err) {
  console.warn(`build-native: gcc failed (${err.message}): berth will spawn mount(8) instead`);
  process.exit(0);
}
