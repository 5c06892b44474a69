import { describe, expect, it } from 'vitest';
import { grantablePermissionsOf, modernPermissionName } from './grant.js';

describe('permission names', () => {
  it('turns Misskey\'s old spellings into today\'s permissions', () => {
    expect(modernPermissionName('note-write')).toBe('write:notes');
    expect(modernPermissionName('account-read')).toBe('read:account');
    expect(modernPermissionName('account/write')).toBe('write:account');
    expect(modernPermissionName('drive-read')).toBe('read:drive');
    expect(modernPermissionName('favorite-write')).toBe('write:favorites');
    expect(modernPermissionName('favorites-read')).toBe('read:favorites');
    expect(modernPermissionName('following-write')).toBe('write:following');
    expect(modernPermissionName('messaging-read')).toBe('read:messaging');
    expect(modernPermissionName('notification-read')).toBe('read:notifications');
    expect(modernPermissionName('reaction-write')).toBe('write:reactions');
    expect(modernPermissionName('vote-write')).toBe('write:votes');
    expect(modernPermissionName('read:account')).toBe('read:account');
  });

  it('keeps only what an app may hold, once each, in the order asked', () => {
    expect(grantablePermissionsOf(['write:notes', 'note-write', 'note-read', 'read:admin:stream', 'bogus', 'read:account'])).toEqual(['write:notes', 'read:account']);
    expect(grantablePermissionsOf([])).toEqual([]);
  });
});
