import type { entities } from 'misskey-js';
import type { UserRow } from '../../db/schema/index.js';
import { parseIdTime } from '../../misc/id.js';

export type RoleCondition = entities.Role['condFormula'];

/** What a condition may look at: the user's row and the ids of the roles assigned to them by hand (unexpired). */
export interface ConditionSubject {
  user: Pick<UserRow, 'id' | 'host' | 'isSuspended' | 'isLocked' | 'isBot' | 'isCat' | 'isExplorable' | 'followersCount' | 'followingCount' | 'notesCount'>;
  assignedRoleIds: ReadonlySet<string>;
  now: number;
}

/**
 * Misskey's RoleService.evalCond, condition by condition. An unknown or malformed condition is
 * false (Misskey logs and answers false), so a bad formula never grants a role.
 */
export function evaluateCondition(condition: unknown, subject: ConditionSubject): boolean {
  if (!condition || typeof condition !== 'object') return false;
  const value = condition as Record<string, unknown> & { type?: unknown };
  const { user } = subject;
  const number = (key: string) => (typeof value[key] === 'number' ? value[key] as number : Number.NaN);
  switch (value.type) {
    case 'and': return Array.isArray(value.values) && value.values.every((inner) => evaluateCondition(inner, subject));
    case 'or': return Array.isArray(value.values) && value.values.some((inner) => evaluateCondition(inner, subject));
    case 'not': return !evaluateCondition(value.value, subject);
    case 'isLocal': return user.host == null;
    case 'isRemote': return user.host != null;
    case 'isSuspended': return user.isSuspended;
    case 'isLocked': return user.isLocked;
    case 'isBot': return user.isBot;
    case 'isCat': return user.isCat;
    case 'isExplorable': return user.isExplorable;
    case 'roleAssignedTo': return typeof value.roleId === 'string' && subject.assignedRoleIds.has(value.roleId);
    case 'createdLessThan': return parseIdTime(user.id).getTime() > subject.now - number('sec') * 1000;
    case 'createdMoreThan': return parseIdTime(user.id).getTime() < subject.now - number('sec') * 1000;
    case 'followersLessThanOrEq': return user.followersCount <= number('value');
    case 'followersMoreThanOrEq': return user.followersCount >= number('value');
    case 'followingLessThanOrEq': return user.followingCount <= number('value');
    case 'followingMoreThanOrEq': return user.followingCount >= number('value');
    case 'notesLessThanOrEq': return user.notesCount <= number('value');
    case 'notesMoreThanOrEq': return user.notesCount >= number('value');
    default: return false;
  }
}
