/** Misskey's rule for local usernames: 1 to 20 word characters. */
export const LOCAL_USERNAME_PATTERN = '^\\w{1,20}$';
const LOCAL_USERNAME = new RegExp(LOCAL_USERNAME_PATTERN);

/**
 * Names nobody may sign up with (Misskey's default `preservedUsernames`). The first account of an
 * instance and accounts an administrator creates may still take them, as in Misskey.
 */
export const RESERVED_USERNAMES: readonly string[] = [
  'admin', 'administrator', 'root', 'system', 'maintainer', 'host', 'mod', 'moderator', 'owner', 'superuser',
  'staff', 'auth', 'i', 'me', 'everyone', 'all', 'mention', 'mentions', 'example', 'user', 'users', 'account',
  'accounts', 'official', 'help', 'helps', 'support', 'supports', 'info', 'information', 'informations',
  'announce', 'announces', 'announcement', 'announcements', 'notice', 'notification', 'notifications', 'dev',
  'developer', 'developers', 'tech', 'misskey',
];
const RESERVED = new Set(RESERVED_USERNAMES);

export function isValidLocalUsername(username: unknown): username is string {
  return typeof username === 'string' && LOCAL_USERNAME.test(username);
}

/** Reserved: in the instance's `preservedUsernames` (meta; Misskey's default list until an admin changes it). */
export function isReservedUsername(username: string, preserved?: readonly string[]): boolean {
  const lower = username.toLowerCase();
  return preserved ? preserved.some((name) => name.toLowerCase() === lower) : RESERVED.has(lower);
}
