import type { AppContext } from '../../context.js';
import type { RolePolicies } from '../meta/policies.js';

/**
 * The role policies that bind one user (Misskey: the base policies merged with those of every role
 * the user holds). Every limit and permission check asks this, never `ctx.meta.policies` directly,
 * so that roles change the answer in one place. `null` is a visitor without an account.
 *
 * Until roles exist every account holds the base policies.
 */
export async function policiesOf(ctx: AppContext, userId: string | null): Promise<RolePolicies> {
  void userId;
  return ctx.meta.policies;
}
