import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICIES } from '../meta/policies.js';
import { mergePolicies } from './merge.js';

const role = (policies: Record<string, { useDefault?: boolean; priority?: number; value?: unknown }>) => ({ policies });
const set = (value: unknown, priority = 0) => ({ useDefault: false, priority, value });

describe('mergePolicies (Misskey getUserPolicies)', () => {
  it('no roles: the base policies', () => {
    expect(mergePolicies(DEFAULT_POLICIES, [])).toBe(DEFAULT_POLICIES);
  });

  it('booleans: any true grants; numbers: the largest; a role silent on a policy contributes the base value', () => {
    const merged = mergePolicies(DEFAULT_POLICIES, [role({ canSearchNotes: set(true), pinLimit: set(1) }), role({ canSearchNotes: set(false), pinLimit: set(2) })]);
    expect(merged.canSearchNotes).toBe(true);
    expect(merged.pinLimit).toBe(2);
    // One role lowers driveCapacityMb; the other does not mention it, so the base 100 counts.
    expect(mergePolicies(DEFAULT_POLICIES, [role({ driveCapacityMb: set(10) }), role({})]).driveCapacityMb).toBe(100);
    expect(mergePolicies(DEFAULT_POLICIES, [role({ driveCapacityMb: set(10) })]).driveCapacityMb).toBe(10);
  });

  it('only the highest priority present takes part', () => {
    const roles = [role({ mentionLimit: set(50) }), role({ mentionLimit: set(3, 1) }), role({ canPublicNote: set(false, 2) })];
    const merged = mergePolicies(DEFAULT_POLICIES, roles);
    expect(merged.mentionLimit).toBe(3);
    // One priority-2 false beats the base true of the other roles.
    expect(merged.canPublicNote).toBe(false);
  });

  it('file types unite, chat availability takes the most permissive, useDefault and ill-typed values give the base', () => {
    const merged = mergePolicies(DEFAULT_POLICIES, [
      role({ uploadableFileTypes: set(['a/b']), chatAvailability: set('readonly'), rateLimitFactor: set('fast') }),
      role({ uploadableFileTypes: set(['c/d', 'a/b']), chatAvailability: set('unavailable'), rateLimitFactor: { useDefault: true, priority: 0, value: 9 } }),
    ]);
    expect(merged.uploadableFileTypes).toEqual(['a/b', 'c/d']);
    expect(merged.chatAvailability).toBe('readonly');
    expect(merged.rateLimitFactor).toBe(1);
  });
});
