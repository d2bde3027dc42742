#!/usr/bin/env node
// Builds berth's native modules into dist/native with the C/C++ compiler and
// the Node headers that come with Node (a module links against nothing:
// node provides the symbols, OpenSSL's and V8's included, when it loads it).
// Run by `npm run build`. Without gcc or the headers it says so and berth
// falls back, slower but with the same behaviour:
//   src/sys/native/sys.c       → berth_sys.node     (else mount(8)/umount(8)/unshare(1))
//   src/util/native/digest.c   → berth_digest.node  (else sha256 on the event loop)
//   src/daemon/native/heap.cc  → berth_heap.node    (else start-up's heap waits for V8's memory reducer)
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const modules = [
  { name: 'berth_sys', src: 'src/sys/native/sys.c', fallback: 'berth will spawn mount(8) instead' },
  { name: 'berth_digest', src: 'src/util/native/digest.c', fallback: 'berth will hash on the event loop instead' },
  { name: 'berth_heap', src: 'src/daemon/native/heap.cc', fallback: 'berthd will leave its start-up heap to V8' },
];
const candidates = [
  process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include/node'),
  path.resolve(process.execPath, '../../include/node'),
  '/usr/include/node',
].filter(Boolean);
const headers = candidates.find((d) => existsSync(path.join(d, 'node_api.h')));
if (!headers) {
  console.warn(`build-native: no node_api.h in ${candidates.join(', ')}: ${modules.map((m) => m.fallback).join('; ')}`);
  process.exit(0);
}
mkdirSync(path.join(root, 'dist/native'), { recursive: true });
for (const m of modules) {
  const out = path.join(root, 'dist/native', `${m.name}.node`);
  try {
    execFileSync(m.src.endsWith('.cc') ? 'g++' : 'gcc', ['-O2', '-Wall', '-Werror', '-shared', '-fPIC', `-I${headers}`, `-DNODE_GYP_MODULE_NAME=${m.name}`, '-DBUILDING_NODE_EXTENSION', path.join(root, m.src), '-o', out], { stdio: 'inherit' });
  } catch (err) {
    console.warn(`build-native: gcc failed on ${m.src} (${err.message}): ${m.fallback}`);
  }
}
