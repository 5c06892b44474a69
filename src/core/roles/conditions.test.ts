import { describe, expect, it } from 'vitest';
import { genId } from '../../misc/id.js';
import { evaluateCondition, type ConditionSubject } from './conditions.js';

const now = Date.now();
const subject = (user: Partial<ConditionSubject['user']> = {}, assigned: string[] = []): ConditionSubject => ({
  user: {
    id: genId(now - 2 * 86_400_000), host: null, isSuspended: false, isLocked: false, isBot: false, isCat: false, isExplorable: true,
    followersCount: 5, followingCount: 2, notesCount: 10, ...user,
  },
  assignedRoleIds: new Set(assigned),
  now,
});

describe('evaluateCondition (Misskey evalCond)', () => {
  it('account flags and origin', () => {
    expect(evaluateCondition({ type: 'isLocal' }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'isRemote' }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'isRemote' }, subject({ host: 'example.com' }))).toBe(true);
    for (const flag of ['isSuspended', 'isLocked', 'isBot', 'isCat'] as const) {
      expect(evaluateCondition({ type: flag }, subject())).toBe(false);
      expect(evaluateCondition({ type: flag }, subject({ [flag]: true }))).toBe(true);
    }
    expect(evaluateCondition({ type: 'isExplorable' }, subject({ isExplorable: false }))).toBe(false);
  });

  it('age in seconds, counts inclusive', () => {
    expect(evaluateCondition({ type: 'createdMoreThan', sec: 86_400 }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'createdLessThan', sec: 86_400 }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'createdLessThan', sec: 3 * 86_400 }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'followersMoreThanOrEq', value: 5 }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'followersLessThanOrEq', value: 4 }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'followingLessThanOrEq', value: 2 }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'followingMoreThanOrEq', value: 3 }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'notesMoreThanOrEq', value: 10 }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'notesLessThanOrEq', value: 9 }, subject())).toBe(false);
  });

  it('and / or / not / roleAssignedTo, and anything unknown or malformed is false', () => {
    const local = { type: 'isLocal' };
    const bot = { type: 'isBot' };
    expect(evaluateCondition({ type: 'and', values: [local, { type: 'not', value: bot }] }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'and', values: [local, bot] }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'or', values: [bot, local] }, subject())).toBe(true);
    expect(evaluateCondition({ type: 'roleAssignedTo', roleId: 'r1' }, subject({}, ['r1']))).toBe(true);
    expect(evaluateCondition({ type: 'roleAssignedTo', roleId: 'r2' }, subject({}, ['r1']))).toBe(false);
    expect(evaluateCondition({}, subject())).toBe(false);
    expect(evaluateCondition({ type: 'isAwesome' }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'and', values: 'nope' }, subject())).toBe(false);
    expect(evaluateCondition({ type: 'notesMoreThanOrEq' }, subject())).toBe(false);
    expect(evaluateCondition(null, subject())).toBe(false);
  });
});
