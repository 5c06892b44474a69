import type { AppContext } from '../../context.js';
import type { UserRow } from '../../db/schema/index.js';
import { SignupError, signUp } from '../users/signup.js';
import { isValidPassword } from '../users/password.js';
import { usernameTaken } from '../users/read.js';
import { isReservedUsername, isValidLocalUsername } from '../users/username.js';
import { createPendingSignup, deletePending, findPendingByCode, validateEmailForAccount } from './account.js';

export class EmailUnavailableError extends Error {
  constructor() { super('the address is invalid or held by another account'); }
}

/**
 * `/api/signup` under `emailRequiredForSignup`: Misskey's checks of the name and password come
 * first (same SignupError codes as an immediate sign-up), then the address must be available; the
 * sign-up then waits in `pending_users` and a link goes to the address.
 */
export async function beginPendingSignup(ctx: AppContext, input: { username: unknown; password: unknown; email: string }): Promise<void> {
  const { username, password, email } = input;
  if (!isValidLocalUsername(username)) throw new SignupError('INVALID_USERNAME');
  if (!isValidPassword(password)) throw new SignupError('INVALID_PASSWORD');
  const taken = await usernameTaken(ctx, username);
  if (taken === 'duplicated') throw new SignupError('DUPLICATED_USERNAME');
  if (taken === 'used') throw new SignupError('USED_USERNAME');
  if (isReservedUsername(username)) throw new SignupError('DENIED_USERNAME');
  if (!(await validateEmailForAccount(ctx, email)).available) throw new EmailUnavailableError();
  await createPendingSignup(ctx, { username, password, email });
}

/**
 * `/api/signup-pending`: creates the account a mailed code names, its address verified, and
 * removes the pending row. Null for an unknown (or already used) code; SignupError when the name
 * was taken meanwhile.
 */
export async function finishPendingSignup(ctx: AppContext, code: string): Promise<{ user: UserRow; token: string } | null> {
  const pending = await findPendingByCode(ctx, code);
  if (!pending) return null;
  // Claim it first: two clicks on the link must not create two accounts.
  if (!await deletePending(ctx, pending.id)) return null;
  const { user, token } = await signUp(ctx, {
    username: pending.username, password: null, passwordHash: pending.password, email: pending.email, emailVerified: true,
  }, { firstRun: 'promote' });
  return { user, token };
}
