// The permission words live in one place, the server's table; the web client imports it at build time.
import { grantablePermissions, permissionTable, type Permission } from '../../src/api/permissions.ts';

export { grantablePermissions, type Permission };

export function isKnownPermission(value: string): value is Permission {
  return Object.hasOwn(permissionTable, value);
}

/** The permission in words, starting with a capital ("View own account, …"). */
export function describePermission(value: string): string {
  if (!isKnownPermission(value)) return 'A permission this server does not know';
  const text = permissionTable[value].description;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface PermissionGroup {
  /** `account`, `admin:roles`, … */
  key: string;
  label: string;
  admin: boolean;
  /** read before write */
  permissions: Permission[];
}

/** Permissions Misskey still lists but no endpoint uses (the table says so in their description). */
export function isDeprecatedPermission(value: string): boolean {
  return isKnownPermission(value) && permissionTable[value].description.includes('deprecated');
}

const LABELS: Record<string, string> = {
  flash: 'Play',
  'flash-likes': 'Play likes',
  'clip-favorite': 'Clip favorites',
  'report-abuse': 'Abuse reports',
  votes: 'Poll votes',
  messaging: 'Messaging',
  'user-groups': 'User groups',
};

function labelFor(resource: string): string {
  const bare = resource.replace(/^admin:/, '');
  const label = LABELS[bare] ?? bare.replace(/[-:]/g, ' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Grantable permissions grouped by what they are about: `read:x` and `write:x` side by side. */
export function groupPermissions(permissions: readonly Permission[] = grantablePermissions): PermissionGroup[] {
  const groups = new Map<string, PermissionGroup>();
  for (const permission of permissions) {
    const resource = permission.replace(/^(read|write):/, '');
    let group = groups.get(resource);
    if (!group) {
      group = { key: resource, label: labelFor(resource), admin: resource.startsWith('admin:'), permissions: [] };
      groups.set(resource, group);
    }
    group.permissions.push(permission);
  }
  for (const group of groups.values()) group.permissions.sort((a, b) => (a.startsWith('read:') ? 0 : 1) - (b.startsWith('read:') ? 0 : 1));
  return [...groups.values()];
}
