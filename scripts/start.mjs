#!/usr/bin/env node
// `npm start`: builds the web client and compiles the server if their sources changed (both are
// normally built by `npm install` already; the checks cost a few milliseconds), then runs Mikan's
// compiled JavaScript in this same process. One process, so the signal npm passes on when it is
// stopped (SIGTERM, SIGINT) reaches the server itself: a shell running `build && start` would be
// signalled instead and could leave the server running without a parent.
import { ensureWebBuild } from './build-web.mjs';
import { ensureServerBuild } from './build-server.mjs';

await ensureWebBuild();
await import(await ensureServerBuild());
