import * as OTPAuth from 'otpauth';

/** The TOTP code of the step `offset` steps from now (the server accepts the steps before and after too). */
export function totpCode(secret: string, offset = 0): string {
  return OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, timestamp: Date.now() + offset * 30_000 });
}

/**
 * Waits until at least `needMs` remain in the current 30-second step, so that the codes of the
 * steps around "now" a test computes stay acceptable while it runs.
 */
export async function stableStep(needMs = 10_000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}
