#!/usr/bin/env node
// `npm start`: builds the web client if its sources changed, then runs Mikan in this same process.
// One process, so the signal npm passes on when it is stopped (SIGTERM, SIGINT) reaches the server
// itself: a shell running `build && start` would be signalled instead and could leave the server
// running without a parent.
import { register } from 'tsx/esm/api';
import { ensureWebBuild } from './build-web.mjs';

await ensureWebBuild();
register();
await import('../src/main.ts');
