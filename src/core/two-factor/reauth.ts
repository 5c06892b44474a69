import type { AppContext } from '../../context.js';
import { verifyPassword } from '../users/password.js';
import { loadProfile, verifySecondFactor } from './totp.js';

/**
 * The check Misskey's account-security endpoints make before changing anything: with two-factor
 * authentication on, also a current second factor (`token`).
 */
export async function reauthenticate(ctx: AppContext, userId: string, password: string, token: string | null | undefined, options: { secondFactorProven?: () => Promise<boolean> } = {}): Promise<'ok' | 'incorrectPassword' | 'authenticationFailed'> {
  const profile = await loadProfile(ctx, userId);
  if (!profile) return 'incorrectPassword';
  // The password first (Misskey checks the second factor first): a wrong password then never uses up a backup code or a TOTP step.
  if (!await verifyPassword(profile.password, password)) return 'incorrectPassword';
  if (profile.twoFactorEnabled) {
    if (token == null) {
      if (!await options.secondFactorProven?.()) return 'authenticationFailed';
    } else if (!await verifySecondFactor(ctx, profile, token)) {
      return 'authenticationFailed';
    }
  }
  return 'ok';
}
