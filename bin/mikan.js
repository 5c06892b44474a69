#!/usr/bin/env node
// Runs the compiled server (dist/, compiled from src/ when missing or stale: see
// scripts/build-server.mjs).
// Mikan runs on the Node.js it installs itself (node_modules/.bin/node, Node 24): started by a
// shell's older system Node, it hands over to that one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < REQUIRED_MAJOR) {
  // In Mikan's own checkout node_modules/.bin/node; installed as a package, npm may have hoisted it
  // to a node_modules further up (the project that depends on Mikan).
  let ownNode = null;
  for (let dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'); !ownNode; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', 'node');
    if (fs.existsSync(candidate)) ownNode = candidate;
    if (path.dirname(dir) === dir) break;
  }
  if (!ownNode) {
    console.error(`Mikan needs Node.js ${REQUIRED_MAJOR} (this is ${process.version}); run \`npm install\` in Mikan's directory, which installs it.`);
    process.exit(1);
  }
  const child = spawn(ownNode, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 128 + os.constants.signals[signal] : code ?? 1));
} else if (!fs.existsSync(new URL('../src/', import.meta.url))) {
  // The npm package ships the compiled dist/ and no sources: nothing to check or rebuild.
  await import('../dist/main.js');
} else {
  const { ensureServerBuild } = await import('../scripts/build-server.mjs');
  await import(await ensureServerBuild({ quiet: true }));
}
