/**
 * The web client's password rule for new accounts: at least 8 characters (NIST SP 800-63B's
 * minimum). Only here: the server accepts any non-empty password, as Misskey's API does, so other
 * clients keep working (docs/decisions.md).
 */
export const MIN_PASSWORD_LENGTH = 8;

export type PasswordStrength = 'weak' | 'fair' | 'strong';

/** A rough hint, not a gate: length counts most, then the kinds of characters used. */
export function passwordStrength(password: string): PasswordStrength {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'weak';
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((pattern) => pattern.test(password)).length;
  const distinct = new Set(password).size;
  if (distinct < 5) return 'weak';
  if (length >= 16 || (length >= 12 && kinds >= 3)) return 'strong';
  if (length >= 10 || kinds >= 3) return 'fair';
  return 'weak';
}
