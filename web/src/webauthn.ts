/**
 * WebAuthn in the browser: the server's JSON options (PublicKeyCredential*OptionsJSON, base64url
 * binary fields) in, navigator.credentials out, the answer back as JSON (what @simplewebauthn/server
 * verifies). Written out instead of a library: it is only base64url conversions.
 */
type Json = Record<string, any>;

function toBytes(base64url: string): ArrayBuffer {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes.buffer;
}

function toBase64url(buffer: ArrayBuffer | null): string | undefined {
  if (!buffer) return undefined;
  let binary = '';
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const descriptors = (list: Json[] | undefined) => (list ?? []).map((c) => ({ ...c, id: toBytes(c.id) }));

export function webAuthnAvailable(): boolean {
  return typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;
}

/** Registers a new credential (i/2fa/register-key's options); the answer for i/2fa/key-done. */
export async function createCredential(options: Json): Promise<Json> {
  const credential = await navigator.credentials.create({
    publicKey: {
      ...options,
      challenge: toBytes(options.challenge),
      user: { ...options.user, id: toBytes(options.user.id) },
      excludeCredentials: descriptors(options.excludeCredentials),
    } as PublicKeyCredentialCreationOptions,
  }) as PublicKeyCredential | null;
  if (!credential) throw new Error('The security key did not answer.');
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      attestationObject: toBase64url(response.attestationObject),
      transports: typeof response.getTransports === 'function' ? response.getTransports() : [],
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  };
}

/** Answers a sign-in challenge (signin-flow's `authRequest`, signin-with-passkey's `option`). */
export async function getCredential(options: Json): Promise<Json> {
  const credential = await navigator.credentials.get({
    publicKey: { ...options, challenge: toBytes(options.challenge), allowCredentials: descriptors(options.allowCredentials) } as PublicKeyCredentialRequestOptions,
  }) as PublicKeyCredential | null;
  if (!credential) throw new Error('The security key did not answer.');
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    id: credential.id, rawId: toBase64url(credential.rawId), type: credential.type,
    response: {
      clientDataJSON: toBase64url(response.clientDataJSON),
      authenticatorData: toBase64url(response.authenticatorData),
      signature: toBase64url(response.signature),
      userHandle: toBase64url(response.userHandle),
    },
    clientExtensionResults: credential.getClientExtensionResults(),
    authenticatorAttachment: credential.authenticatorAttachment ?? undefined,
  };
}
