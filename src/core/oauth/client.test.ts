import { describe, expect, it } from 'vitest';
import { ClientIdError, clientDisplayName, parseClientId } from './client.js';
import { isS256Challenge, s256, verifyS256 } from './pkce.js';

describe('IndieAuth client ids', () => {
  it('accepts http(s) URLs with a domain name (or a loopback name) and a path', () => {
    for (const id of ['https://app.example/', 'https://app.example', 'https://app.example/client?x=1', 'http://localhost:3000/', 'http://127.0.0.1/', 'http://[::1]/']) {
      expect(() => parseClientId(id), id).not.toThrow();
    }
    expect(parseClientId('https://app.example').href).toBe('https://app.example/');
  });

  it('refuses what IndieAuth forbids', () => {
    for (const id of ['app.example', 'ftp://app.example/', 'https://app.example/#x', 'https://u:p@app.example/', 'https://app.example/a/./b', 'https://app.example/a/../b', 'https://app.example/a/%2e%2e/b', 'https://10.0.0.1/', 'https://[2001:db8::1]/', 'https://intranet/']) {
      expect(() => parseClientId(id), id).toThrow(ClientIdError);
    }
    expect(() => parseClientId(`https://app.example/${'a'.repeat(512)}`)).toThrow(ClientIdError);
  });

  it('names a client by its h-app, else by its id, shortened to fit 128 characters', () => {
    expect(clientDisplayName({ id: 'https://app.example/', name: 'App' })).toBe('App');
    expect(clientDisplayName({ id: 'https://app.example/', name: null })).toBe('https://app.example/');
    const long = clientDisplayName({ id: `https://app.example/${'a'.repeat(300)}`, name: null });
    expect(long).toHaveLength(128);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('PKCE S256', () => {
  // RFC 7636 appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('matches RFC 7636\'s example', () => {
    expect(s256(verifier)).toBe(challenge);
    expect(isS256Challenge(challenge)).toBe(true);
    expect(verifyS256(verifier, challenge)).toBe(true);
  });

  it('refuses wrong, missing and malformed verifiers', () => {
    expect(verifyS256(verifier.slice(0, -1) + 'a', challenge)).toBe(false);
    expect(verifyS256(undefined, challenge)).toBe(false);
    expect(verifyS256('short', challenge)).toBe(false);
    expect(verifyS256(challenge, challenge)).toBe(false);
    expect(isS256Challenge('plain-text-challenge')).toBe(false);
  });
});
