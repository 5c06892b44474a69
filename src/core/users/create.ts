import { isNull, sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { usedUsernames, userProfiles, users, type UserRow } from '../../db/schema/index.js';
import { genId } from '../../misc/id.js';
import type { Tx } from '../../db/tx.js';
import { issueNativeToken } from '../auth/native-token.js';
import { hashPassword } from './password.js';
import { packUserLite } from './pack.js';
import { recordUser } from '../charts/record.js';
import { emitSystemWebhookEvent } from '../system-webhooks/deliver.js';

export interface NewLocalUser {
  username: string;
  name?: string | null;
  /** Plain text; stored as an argon2id hash. Without one the account cannot sign in with a password. */
  password?: string | null;
  email?: string | null;
  /** An argon2id hash chosen earlier (a pending sign-up, core/email); used instead of `password`. */
  passwordHash?: string | null;
  emailVerified?: boolean;
  isAdmin?: boolean;
  isModerator?: boolean;
  /** Runs in the account's transaction after it is inserted (sign-up takes its invitation code here). */
  withinTransaction?: (tx: Tx, user: UserRow) => Promise<void>;
}

/**
 * How the instance's first account is treated:
 * - `promote`: if no local account exists yet, this one becomes root administrator (Misskey's sign-up);
 * - `require`: this must be the first account (first-run setup), else FirstUserExistsError.
 */
export type FirstRunRule = 'promote' | 'require';

export class FirstUserExistsError extends Error {
  constructor() { super('the instance already has an account'); }
}

// Serializes "is this the first account?" between concurrent sign-ups, so only one can be root.
const FIRST_USER_LOCK = sql`SELECT pg_advisory_xact_lock(hashtext('mikan:first-user'))`;

/**
 * Creates a local account: the user row, its profile, its reserved username and its native token
 * (the web client's credential), in one transaction. Username rules belong to sign-up
 * (core/users/signup.ts); this is the storage step every way of creating an account shares.
 * A taken name fails with the database's unique violation.
 */
export async function createLocalUser(ctx: AppContext, input: NewLocalUser, firstRun?: FirstRunRule): Promise<{ user: UserRow; token: string; isFirstUser: boolean }> {
  // Hashing takes tens of milliseconds: never inside the transaction.
  const passwordHash = input.passwordHash ?? (input.password ? await hashPassword(input.password) : null);
  const created = await ctx.db.transaction(async (tx) => {
    let isFirstUser = false;
    if (firstRun) {
      await tx.execute(FIRST_USER_LOCK);
      const [existing] = await tx.select({ id: users.id }).from(users).where(isNull(users.host)).limit(1);
      isFirstUser = !existing;
      if (firstRun === 'require' && !isFirstUser) throw new FirstUserExistsError();
    }
    const [user] = await tx.insert(users).values({
      id: genId(),
      username: input.username,
      usernameLower: input.username.toLowerCase(),
      name: input.name ?? null,
      isRoot: isFirstUser,
      isAdmin: isFirstUser || (input.isAdmin ?? false),
      isModerator: input.isModerator ?? false,
    }).returning();
    await tx.insert(userProfiles).values({ userId: user.id, password: passwordHash, email: input.email ?? null, emailVerified: input.emailVerified ?? false });
    await tx.insert(usedUsernames).values({ usernameLower: user.usernameLower });
    const token = await issueNativeToken(tx, user.id);
    if (input.withinTransaction) await input.withinTransaction(tx, user);
    // Misskey's `userCreated` system webhook event, committed with the account.
    await emitSystemWebhookEvent(ctx, 'userCreated', packUserLite(ctx, user), { executor: tx });
    return { user, token, isFirstUser };
  });
  recordUser(ctx, created.user, true);
  return created;
}
