import type { AppContext } from '../../context.js';
import type { RoleAssignmentRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import type { Page } from '../pagination.js';
import { packUserDetailed } from '../users/pack.js';
import { findUsersByIds } from '../users/read.js';
import type { MeDetailed, UserDetailedNotMe } from '../users/schema.js';
import { listRoleAssignments } from './manage.js';

/** A page of a role's members with their packed users (two queries for the page, plus packing). */
export async function packRoleMembers(ctx: AppContext, roleId: string, page: Page & { limit: number }, viewer: AuthUser | null): Promise<{ assignment: RoleAssignmentRow; user: MeDetailed | UserDetailedNotMe }[]> {
  const assignments = await listRoleAssignments(ctx, roleId, page);
  const rows = await findUsersByIds(ctx, assignments.map((entry) => entry.userId));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = assignments.filter((entry) => byId.has(entry.userId));
  const packed = await packUserDetailed(ctx, ordered.map((entry) => byId.get(entry.userId)!), viewer);
  return ordered.map((entry, index) => ({ assignment: entry.assignment, user: packed[index] }));
}
