import type { RouteLocationNormalized, Router } from 'vue-router';
import { safeRedirect } from './redirect';

export const NOT_FOUND_ROUTE = 'not-found';

/** After signing in or up: back to `?redirect=` (same origin only), else home. Server pages load in full. */
export async function goAfterSignIn(router: Router, redirect: unknown): Promise<void> {
  const target = safeRedirect(redirect) ?? '/';
  if (router.resolve(target).name === NOT_FOUND_ROUTE) {
    location.assign(target);
    return;
  }
  await router.replace(target);
}

/** Keeps `?redirect=` when moving between the sign-in and sign-up pages. */
export function carryRedirect(path: string, redirect: unknown): { path: string; query?: { redirect: string } } {
  const target = safeRedirect(redirect);
  return target ? { path, query: { redirect: target } } : { path };
}

/** A full navigation to an app's callback (another origin). */
export function leaveTo(url: string): void {
  location.assign(url);
}

/** Whether a page needs a signed-in user (its route's `requiresSignIn`). */
export function needsSignIn(to: RouteLocationNormalized): boolean {
  const rule = to.meta.requiresSignIn;
  return typeof rule === 'function' ? rule(to) : rule === true;
}
