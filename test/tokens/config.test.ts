import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('MIKAN_ALLOW_PRIVATE_NETWORK', () => {
  it('is off unless turned on', () => {
    expect(loadConfig({}).allowPrivateNetwork).toBe(false);
    expect(loadConfig({ MIKAN_ALLOW_PRIVATE_NETWORK: '' }).allowPrivateNetwork).toBe(false);
    expect(loadConfig({ MIKAN_ALLOW_PRIVATE_NETWORK: 'off' }).allowPrivateNetwork).toBe(false);
    expect(loadConfig({ MIKAN_ALLOW_PRIVATE_NETWORK: 'on' }).allowPrivateNetwork).toBe(true);
    expect(loadConfig({ MIKAN_ALLOW_PRIVATE_NETWORK: '1' }).allowPrivateNetwork).toBe(true);
  });
});
