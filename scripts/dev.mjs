#!/usr/bin/env node
// `npm run dev`: Mikan from its TypeScript sources through tsx, no compile step (for development;
// `npm start` runs the compiled JavaScript).
import { register } from 'tsx/esm/api';
import { ensureWebBuild } from './build-web.mjs';

await ensureWebBuild();
register();
await import('../src/main.ts');
