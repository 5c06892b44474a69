import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('has a compile-time misskey-js check for every endpoint file (test/types/all-endpoints.ts is current)', () => {
  expect(() => execFileSync(process.execPath, ['scripts/generate-endpoint-type-checks.mjs', '--check'], { stdio: 'pipe' })).not.toThrow();
});
