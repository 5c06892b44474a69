import { describe, expect, it } from 'vitest';
import { openToken, sealToken } from './sealed-token.js';

describe('sealed tokens', () => {
  it('opens with the same secret and context only', () => {
    const sealed = sealToken('the-token', 'session-id', 'row-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('the-token');
    expect(openToken(sealed, 'session-id', 'row-1')).toBe('the-token');
    expect(openToken(sealed, 'session-iD', 'row-1')).toBeNull();
    expect(openToken(sealed, 'session-id', 'row-2')).toBeNull();
  });

  it('refuses tampered and malformed values', () => {
    const sealed = sealToken('the-token', 'secret', 'ctx');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[4], 'base64url');
    flipped[0] ^= 1;
    expect(openToken([...parts.slice(0, 4), flipped.toString('base64url')].join('.'), 'secret', 'ctx')).toBeNull();
    expect(openToken('v2.' + parts.slice(1).join('.'), 'secret', 'ctx')).toBeNull();
    expect(openToken('garbage', 'secret', 'ctx')).toBeNull();
  });

  it('never seals the same token the same way twice', () => {
    expect(sealToken('t', 's', 'c')).not.toBe(sealToken('t', 's', 'c'));
  });
});
