import { grantablePermissions, isPermission, type Permission } from '../../api/permissions.js';

const GRANTABLE = new Set<string>(grantablePermissions);

/**
 * Misskey's old permission spellings (`note-write`, `account/read`, …, from before v12) in today's
 * form. Misskey itself rewrites them to `write:note`, which is no permission at all; Mikan goes on
 * to the real name where one exists (`write:notes`, `read:notifications`, `write:votes`).
 */
export function modernPermissionName(name: string): string {
  const legacy = /^(.+)[/-](read|write)$/.exec(name);
  if (!legacy) return name;
  const modern = `${legacy[2]}:${legacy[1]}`;
  if (isPermission(modern)) return modern;
  if (isPermission(`${modern}s`)) return `${modern}s`;
  return modern;
}

/**
 * What a token may actually be given from a requested list: old spellings modernised, duplicates
 * dropped, and only permissions an app can hold (misskey-js's list). Unknown names (a newer
 * Misskey's, or typos) are left out rather than refused, so an app asking for more than Mikan knows
 * still works with what Mikan has; kinds no app may hold (`read:admin:stream`, …) are never granted.
 */
export function grantablePermissionsOf(requested: readonly string[]): Permission[] {
  const granted: Permission[] = [];
  for (const name of requested) {
    const modern = modernPermissionName(name);
    if (GRANTABLE.has(modern) && !granted.includes(modern as Permission)) granted.push(modern as Permission);
  }
  return granted;
}
