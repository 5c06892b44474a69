import type { AppContext } from '../../context.js';
import type { UserRow } from '../../db/schema/index.js';
import { uniqueViolation } from '../../db/errors.js';
import { createLocalUser, type FirstRunRule } from './create.js';
import { isValidPassword } from './password.js';
import { usernameTaken } from './read.js';
import { isReservedUsername, isValidLocalUsername } from './username.js';
import { requiresSetup } from '../meta/pack.js';
import { checkInvitationCode, claimInvitationCode, type InvitationRefusal } from '../invites/service.js';
import type { Tx } from '../../db/tx.js';

/** Misskey's sign-up refusals, by the codes its sign-up answers with. */
export type SignupErrorCode = 'INVALID_USERNAME' | 'INVALID_PASSWORD' | 'DUPLICATED_USERNAME' | 'USED_USERNAME' | 'DENIED_USERNAME' | InvitationRefusal;

export class SignupError extends Error {
  constructor(readonly code: SignupErrorCode) { super(code); }
}

export interface SignupInput {
  username: unknown;
  password: unknown;
  email?: string | null;
  /** Taken in the account's transaction; an unusable one refuses the sign-up. */
  invitationCode?: string | null;
  /** A pending sign-up's (core/email): the password was checked and hashed when it was chosen. */
  passwordHash?: string;
  emailVerified?: boolean;
}

export interface SignupOptions {
  /** Reserved names are open to the instance's first account and to accounts administrators create. */
  allowReserved?: boolean;
  isAdmin?: boolean;
  firstRun?: FirstRunRule;
}

/**
 * Creates a local account after Misskey's checks, in Misskey's order: name format, password,
 * name held by a living account, name ever used, reserved name. The first account of an instance
 * becomes its root administrator when `firstRun` says so.
 */
export async function signUp(ctx: AppContext, input: SignupInput, options: SignupOptions = {}): Promise<{ user: UserRow; token: string; isFirstUser: boolean }> {
  const { username, password, invitationCode } = input;
  // Misskey looks at the invitation code first.
  if (invitationCode != null) {
    const refusal = await checkInvitationCode(ctx, invitationCode);
    if (refusal) throw new SignupError(refusal);
  }
  if (!isValidLocalUsername(username)) throw new SignupError('INVALID_USERNAME');
  if (input.passwordHash === undefined && !isValidPassword(password)) throw new SignupError('INVALID_PASSWORD');

  const taken = await usernameTaken(ctx, username);
  if (taken === 'duplicated') throw new SignupError('DUPLICATED_USERNAME');
  if (taken === 'used') throw new SignupError('USED_USERNAME');
  if (isReservedUsername(username, ctx.meta.get().preservedUsernames) && !options.allowReserved && !(options.firstRun && await requiresSetup(ctx))) {
    throw new SignupError('DENIED_USERNAME');
  }

  const withinTransaction = invitationCode != null ? async (tx: Tx, user: UserRow) => {
    // Someone else took the code since the check.
    if (!await claimInvitationCode(tx, invitationCode, user.id)) throw new SignupError('INVITATION_CODE_USED');
  } : undefined;
  try {
    return await createLocalUser(ctx, { username, password: input.passwordHash === undefined ? password as string : null, passwordHash: input.passwordHash, emailVerified: input.emailVerified, email: input.email ?? null, isAdmin: options.isAdmin, withinTransaction }, options.firstRun);
  } catch (error) {
    // Someone took the name between the check and the insert.
    if (uniqueViolation(error) !== null) throw new SignupError('DUPLICATED_USERNAME');
    throw error;
  }
}
