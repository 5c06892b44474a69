import type { api } from 'misskey-js';
import { commonErrors } from '../api-errors.js';

export { expectApiError } from '../api-errors.js';

/** Declared errors of the role endpoints, codes and ids as ../shared/spec/errors.tsv. */
export const roleErrors = {
  assign: {
    noSuchRole: { code: 'NO_SUCH_ROLE', id: '6503c040-6af4-4ed9-bf07-f2dd16678eab' },
    noSuchUser: { code: 'NO_SUCH_USER', id: '558ea170-f653-4700-94d0-5a818371d0df' },
    alreadyAssigned: { code: 'ALREADY_ASSIGNED', id: '67d8689c-25c6-435f-8ced-631e4b81fce1' },
    accessDenied: { code: 'ACCESS_DENIED', id: '25b5bc31-dc79-4ebd-9bd2-c84978fd052c' },
  },
  unassign: {
    noSuchRole: { code: 'NO_SUCH_ROLE', id: '6e519036-a70d-4c76-b679-bc8fb18194e2' },
    noSuchUser: { code: 'NO_SUCH_USER', id: '2b730f78-1179-461b-88ad-d24c9af1a5ce' },
    notAssigned: { code: 'NOT_ASSIGNED', id: 'b9060ac7-5c94-4da4-9f55-2047c953df44' },
    accessDenied: { code: 'ACCESS_DENIED', id: '24636eee-e8c1-493e-94b2-e16ad401e262' },
  },
  delete: { noSuchRole: { code: 'NO_SUCH_ROLE', id: 'de0d6ecd-8e0a-4253-88ff-74bc89ae3d45' } },
  show: { noSuchRole: { code: 'NO_SUCH_ROLE', id: '07dc7d34-c0d8-49b7-96c6-db3ce64ee0b3' } },
  update: { noSuchRole: { code: 'NO_SUCH_ROLE', id: 'cd23ef55-09ad-428a-ac61-95a45e124b32' } },
  users: { noSuchRole: { code: 'NO_SUCH_ROLE', id: '224eff5e-2488-4b18-b3e7-f50d94421648' } },
  publicNotes: { noSuchRole: { code: 'NO_SUCH_ROLE', id: 'eb70323a-df61-4dd4-ad90-89c83c7cf26e' } },
  publicShow: { noSuchRole: { code: 'NO_SUCH_ROLE', id: 'de5502bf-009a-4639-86c1-fec349e46dcb' } },
  publicUsers: { noSuchRole: { code: 'NO_SUCH_ROLE', id: '30aaaee3-4792-48dc-ab0d-cf501a575ac5' } },
  layer: {
    ...commonErrors,
    roleModeratorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
    roleAdminRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' },
  },
} as const;

type Policies = Record<string, { useDefault?: boolean; priority?: number; value?: unknown }>;

/** Everything `admin/roles/create` requires, with harmless defaults. */
export function roleParams(overrides: Record<string, unknown> = {}) {
  return {
    name: 'role', description: '', color: null, iconUrl: null, target: 'manual' as const, condFormula: {},
    isPublic: false, isModerator: false, isAdministrator: false, isExplorable: false, asBadge: false,
    canEditMembersByModerator: false, displayOrder: 0, policies: {} as Policies,
    ...overrides,
  };
}

/** A role setting one policy (priority 0, not the default). */
export function policy(value: unknown, priority = 0) {
  return { useDefault: false, priority, value };
}

/** Creates a role and assigns it to `userIds` through the API. */
export async function roleFor(adminApi: api.APIClient, userIds: string[], overrides: Record<string, unknown> = {}): Promise<{ id: string }> {
  const role = await adminApi.request('admin/roles/create', roleParams(overrides) as never) as { id: string };
  for (const userId of userIds) await adminApi.request('admin/roles/assign', { roleId: role.id, userId });
  return role;
}
