import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, policy, roleErrors as e, roleFor, roleParams } from './helpers.js';

let server: TestServer;
let root: { id: string; token: string };
const admin = () => server.client(root.token);

beforeAll(async () => {
  server = await startTestServer({ rateLimit: false });
  // An administrator by its own account flag (as the root account or `mikan create-admin`).
  root = await server.createUser({ username: 'root', isAdmin: true });
});

afterAll(async () => {
  await server?.close();
});

describe('admin/roles/create, show, list, update, delete', () => {
  it('creates a role shaped as misskey-js Role, shows and lists it, changes it and deletes it', async () => {
    const created = await admin().request('admin/roles/create', roleParams({
      name: 'Helpers', description: 'helpful people', color: '#ff8800', iconUrl: 'https://example.com/i.png',
      isPublic: true, asBadge: true, displayOrder: 3, policies: { pinLimit: policy(9) },
    }));
    expect(created).toEqual({
      id: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String),
      name: 'Helpers', description: 'helpful people', color: '#ff8800', iconUrl: 'https://example.com/i.png',
      target: 'manual', condFormula: {}, isPublic: true, isModerator: false, isAdministrator: false,
      isExplorable: false, asBadge: true, preserveAssignmentOnMoveAccount: false, canEditMembersByModerator: false,
      displayOrder: 3, usersCount: 0,
      policies: expect.objectContaining({
        pinLimit: { useDefault: false, priority: 0, value: 9 },
        // Policies the role leaves alone are shown as the default (Misskey's RoleEntityService).
        gtlAvailable: { useDefault: true, priority: 0, value: true },
        uploadableFileTypes: { useDefault: true, priority: 0, value: expect.arrayContaining(['image/*']) },
      }),
    });
    expect(await admin().request('admin/roles/show', { roleId: created.id })).toEqual(created);
    expect((await admin().request('admin/roles/list', {})).map((role) => role.id)).toContain(created.id);

    await admin().request('admin/roles/update', { roleId: created.id, name: 'Helpers 2', isExplorable: true, policies: {} });
    const updated = await admin().request('admin/roles/show', { roleId: created.id });
    expect(updated).toMatchObject({ name: 'Helpers 2', isExplorable: true, description: 'helpful people', color: '#ff8800' });
    expect(updated.policies.pinLimit).toEqual({ useDefault: true, priority: 0, value: 5 });

    await admin().request('admin/roles/delete', { roleId: created.id });
    await expectApiError(admin().request('admin/roles/show', { roleId: created.id }), e.show.noSuchRole);
    await expectApiError(admin().request('admin/roles/update', { roleId: created.id, name: 'x' }), e.update.noSuchRole);
    await expectApiError(admin().request('admin/roles/delete', { roleId: created.id }), e.delete.noSuchRole);
    await expectApiError(admin().request('admin/roles/users', { roleId: created.id }), e.users.noSuchRole);
  });

  it('admin/roles/list shows the most recently used role first', async () => {
    const first = await roleFor(admin(), [], { name: 'older' });
    const second = await roleFor(admin(), [], { name: 'newer' });
    let ids = (await admin().request('admin/roles/list', {})).map((role) => role.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const user = await server.createUser();
    await admin().request('admin/roles/assign', { roleId: first.id, userId: user.id });
    ids = (await admin().request('admin/roles/list', {})).map((role) => role.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
  });

  it('refuses invalid params', async () => {
    await expectApiError(admin().request('admin/roles/create', { ...roleParams(), target: 'sometimes' } as never), e.layer.invalidParam);
    const { name: _name, ...withoutName } = roleParams();
    await expectApiError(admin().request('admin/roles/create', withoutName as never), e.layer.invalidParam);
  });
});

describe('who may manage roles', () => {
  it('create/update/delete need an administrator, list/show/users/assign a moderator; app tokens need read:admin:roles / write:admin:roles', async () => {
    const [moderator, nobody] = await Promise.all([server.createUser(), server.createUser()]);
    await roleFor(admin(), [moderator.id], { name: 'mods', isModerator: true });
    const role = await roleFor(admin(), [], { name: 'target' });
    const mod = server.client(moderator.token);
    const user = server.client(nobody.token);

    await expectApiError(mod.request('admin/roles/create', roleParams()), e.layer.roleAdminRequired);
    await expectApiError(mod.request('admin/roles/update', { roleId: role.id, name: 'x' }), e.layer.roleAdminRequired);
    await expectApiError(mod.request('admin/roles/delete', { roleId: role.id }), e.layer.roleAdminRequired);
    await expectApiError(mod.request('admin/roles/update-default-policies', { policies: {} }), e.layer.roleAdminRequired);
    expect(await mod.request('admin/roles/show', { roleId: role.id })).toMatchObject({ id: role.id });
    expect(await mod.request('admin/roles/list', {})).toEqual(expect.arrayContaining([expect.objectContaining({ id: role.id })]));
    expect(await mod.request('admin/roles/users', { roleId: role.id })).toEqual([]);
    for (const endpoint of ['admin/roles/list', 'admin/roles/show', 'admin/roles/users', 'admin/roles/assign', 'admin/roles/unassign'] as const) {
      await expectApiError(user.request(endpoint as 'admin/roles/assign', { roleId: role.id, userId: nobody.id }), e.layer.roleModeratorRequired);
    }
    await expectApiError(server.client().request('admin/roles/list', {}), e.layer.credentialRequired);

    const reader = server.client(await server.createAppToken(root.id, ['read:admin:roles']));
    const writer = server.client(await server.createAppToken(root.id, ['write:admin:roles']));
    expect(await reader.request('admin/roles/show', { roleId: role.id })).toMatchObject({ id: role.id });
    await expectApiError(reader.request('admin/roles/create', roleParams()), e.layer.permissionDenied);
    await expectApiError(reader.request('admin/roles/assign', { roleId: role.id, userId: nobody.id }), e.layer.permissionDenied);
    await expectApiError(writer.request('admin/roles/list', {}), e.layer.permissionDenied);
    await expectApiError(writer.request('admin/roles/users', { roleId: role.id }), e.layer.permissionDenied);
    expect(await writer.request('admin/roles/create', roleParams({ name: 'by app' }))).toMatchObject({ name: 'by app' });
    const other = server.client(await server.createAppToken(root.id, ['read:account']));
    await expectApiError(other.request('admin/roles/show', { roleId: role.id }), e.layer.permissionDenied);
  });
});

describe('admin/roles/assign, unassign, users', () => {
  it('assigns and unassigns with every declared error, listing members with expiry', async () => {
    const [alice, bob] = await Promise.all([server.createUser(), server.createUser()]);
    const role = await roleFor(admin(), [], { name: 'members' });
    const missing = '0000000000000000';
    const expiresAt = Date.now() + 3_600_000;
    await admin().request('admin/roles/assign', { roleId: role.id, userId: alice.id, expiresAt, memo: 'trial' });
    await admin().request('admin/roles/assign', { roleId: role.id, userId: bob.id });
    await expectApiError(admin().request('admin/roles/assign', { roleId: role.id, userId: alice.id }), e.assign.alreadyAssigned);
    await expectApiError(admin().request('admin/roles/assign', { roleId: missing, userId: alice.id }), e.assign.noSuchRole);
    await expectApiError(admin().request('admin/roles/assign', { roleId: role.id, userId: missing }), e.assign.noSuchUser);

    const members = await admin().request('admin/roles/users', { roleId: role.id });
    expect(members.map((member) => member.user.id)).toEqual([bob.id, alice.id]);
    expect(members[1]).toEqual({ id: expect.any(String), createdAt: expect.any(String), user: expect.objectContaining({ id: alice.id, username: alice.username }), expiresAt: new Date(expiresAt).toISOString() });
    expect(members[0].expiresAt).toBeNull();
    expect(await admin().request('admin/roles/users', { roleId: role.id, limit: 1 })).toHaveLength(1);
    expect((await admin().request('admin/roles/users', { roleId: role.id, untilId: members[0].id })).map((m) => m.user.id)).toEqual([alice.id]);
    expect((await admin().request('admin/roles/show', { roleId: role.id })).usersCount).toBe(2);

    await admin().request('admin/roles/unassign', { roleId: role.id, userId: alice.id });
    await expectApiError(admin().request('admin/roles/unassign', { roleId: role.id, userId: alice.id }), e.unassign.notAssigned);
    await expectApiError(admin().request('admin/roles/unassign', { roleId: missing, userId: alice.id }), e.unassign.noSuchRole);
    await expectApiError(admin().request('admin/roles/unassign', { roleId: role.id, userId: missing }), e.unassign.noSuchUser);
    expect((await admin().request('admin/roles/users', { roleId: role.id })).map((m) => m.user.id)).toEqual([bob.id]);

    // An expiry in the past does nothing, as in Misskey.
    await admin().request('admin/roles/assign', { roleId: role.id, userId: alice.id, expiresAt: Date.now() - 1000 });
    expect((await admin().request('admin/roles/users', { roleId: role.id })).map((m) => m.user.id)).toEqual([bob.id]);
  });

  it('a moderator edits members only of roles with canEditMembersByModerator', async () => {
    const [moderator, carol] = await Promise.all([server.createUser(), server.createUser()]);
    await roleFor(admin(), [moderator.id], { isModerator: true });
    const locked = await roleFor(admin(), [carol.id]);
    const open = await roleFor(admin(), [], { canEditMembersByModerator: true });
    const mod = server.client(moderator.token);
    await expectApiError(mod.request('admin/roles/assign', { roleId: locked.id, userId: moderator.id }), e.assign.accessDenied);
    await expectApiError(mod.request('admin/roles/unassign', { roleId: locked.id, userId: carol.id }), e.unassign.accessDenied);
    await mod.request('admin/roles/assign', { roleId: open.id, userId: carol.id });
    await mod.request('admin/roles/unassign', { roleId: open.id, userId: carol.id });
    expect(await mod.request('admin/roles/users', { roleId: open.id })).toEqual([]);
  });

  it('an assignment stops counting the moment it expires, with no job and no write', async () => {
    const dave = await server.createUser();
    const role = await roleFor(admin(), [], { policies: { pinLimit: policy(42) } });
    await admin().request('admin/roles/assign', { roleId: role.id, userId: dave.id, expiresAt: Date.now() + 1500 });
    const me = server.client(dave.token);
    expect((await me.request('i', {})).policies.pinLimit).toBe(42);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await me.request('i', {})).policies.pinLimit).toBe(5);
    expect(await admin().request('admin/roles/users', { roleId: role.id })).toEqual([]);
    expect((await admin().request('admin/roles/show', { roleId: role.id })).usersCount).toBe(0);
    // An expired assignment is replaced by a new one, not refused as already assigned.
    await admin().request('admin/roles/assign', { roleId: role.id, userId: dave.id });
    expect((await me.request('i', {})).policies.pinLimit).toBe(42);
  });
});

describe('administrator and moderator roles', () => {
  it("isAdmin / isModerator follow the roles held; an administrator role's holder can manage roles, and loses that at unassignment", async () => {
    const erin = await server.createUser();
    const me = server.client(erin.token);
    expect(await me.request('i', {})).toMatchObject({ isAdmin: false, isModerator: false });
    const admins = await roleFor(admin(), [erin.id], { isAdministrator: true });
    expect(await me.request('i', {})).toMatchObject({ isAdmin: true, isModerator: true });
    expect(await me.request('admin/roles/create', roleParams({ name: 'by erin' }))).toMatchObject({ name: 'by erin' });
    await admin().request('admin/roles/unassign', { roleId: admins.id, userId: erin.id });
    expect(await me.request('i', {})).toMatchObject({ isAdmin: false, isModerator: false });
    await expectApiError(me.request('admin/roles/list', {}), e.layer.roleModeratorRequired);

    const mods = await roleFor(admin(), [erin.id], { isModerator: true });
    expect(await me.request('i', {})).toMatchObject({ isAdmin: false, isModerator: true });
    await admin().request('admin/roles/delete', { roleId: mods.id });
    expect(await me.request('i', {})).toMatchObject({ isAdmin: false, isModerator: false });
  });

  it('the root account stays an administrator whatever roles do', async () => {
    const admins = await roleFor(admin(), [root.id], { isAdministrator: true });
    await admin().request('admin/roles/unassign', { roleId: admins.id, userId: root.id });
    expect(await admin().request('i', {})).toMatchObject({ isAdmin: true, isModerator: true });
  });
});

describe('public roles on users and roles/*', () => {
  it('public roles show on UserDetailed `roles`, badge roles on UserLite `badgeRoles`, highest displayOrder first', async () => {
    const [frank, viewer] = await Promise.all([server.createUser(), server.createUser()]);
    const hidden = await roleFor(admin(), [frank.id], { name: 'hidden', isPublic: false, asBadge: true, displayOrder: 1, iconUrl: 'https://example.com/h.png' });
    const low = await roleFor(admin(), [frank.id], { name: 'low', isPublic: true, displayOrder: 1, color: '#123456' });
    const high = await roleFor(admin(), [frank.id], { name: 'high', isPublic: true, asBadge: true, displayOrder: 7, iconUrl: 'https://example.com/b.png' });
    const shown = await server.client(viewer.token).request('users/show', { userId: frank.id });
    expect(shown.roles).toEqual([
      { id: high.id, name: 'high', color: null, iconUrl: 'https://example.com/b.png', description: '', isModerator: false, isAdministrator: false, displayOrder: 7 },
      { id: low.id, name: 'low', color: '#123456', iconUrl: null, description: '', isModerator: false, isAdministrator: false, displayOrder: 1 },
    ]);
    expect(shown.badgeRoles).toEqual([
      { name: 'high', iconUrl: 'https://example.com/b.png', displayOrder: 7 },
      { name: 'hidden', iconUrl: 'https://example.com/h.png', displayOrder: 1 },
    ]);
    // On notes too (UserLite).
    const { createdNote } = await server.client(frank.token).request('notes/create', { text: 'badge' });
    expect(createdNote.user.badgeRoles).toEqual(shown.badgeRoles);
    void hidden;
  });

  it('roles/list, roles/show, roles/users and roles/notes show only public (and explorable) roles', async () => {
    const [gina, viewer] = await Promise.all([server.createUser(), server.createUser()]);
    const explorable = await roleFor(admin(), [gina.id], { name: 'explorable', isPublic: true, isExplorable: true });
    const publicOnly = await roleFor(admin(), [gina.id], { name: 'public', isPublic: true });
    const secret = await roleFor(admin(), [gina.id], { name: 'secret' });
    const api = server.client(viewer.token);
    const listed = (await api.request('roles/list', {})).map((role) => role.id);
    expect(listed).toEqual(expect.arrayContaining([explorable.id, publicOnly.id]));
    expect(listed).not.toContain(secret.id);
    expect(await server.client().request('roles/show', { roleId: explorable.id })).toMatchObject({ id: explorable.id, usersCount: 1 });
    await expectApiError(api.request('roles/show', { roleId: secret.id }), e.publicShow.noSuchRole);

    expect((await server.client().request('roles/users', { roleId: explorable.id })).map((m) => m.user.id)).toEqual([gina.id]);
    expect(await api.request('roles/users', { roleId: explorable.id })).toEqual([{ id: expect.any(String), user: expect.objectContaining({ id: gina.id }) }]);
    await expectApiError(api.request('roles/users', { roleId: publicOnly.id }), e.publicUsers.noSuchRole);
    await expectApiError(api.request('roles/users', { roleId: secret.id }), e.publicUsers.noSuchRole);

    const author = server.client(gina.token);
    const { createdNote: visible } = await author.request('notes/create', { text: 'for everyone' });
    await author.request('notes/create', { text: 'home only', visibility: 'home' });
    expect((await api.request('roles/notes', { roleId: explorable.id })).map((note) => note.id)).toEqual([visible.id]);
    expect(await api.request('roles/notes', { roleId: publicOnly.id })).toEqual([]);
    await expectApiError(api.request('roles/notes', { roleId: secret.id }), e.publicNotes.noSuchRole);
    await expectApiError(server.client().request('roles/notes', { roleId: explorable.id }), e.layer.credentialRequired);
    await expectApiError(server.client().request('roles/list', {}), e.layer.credentialRequired);
  });
});

describe('conditional roles', () => {
  it("hold for every account matching the formula (Misskey's conditions, and/or/not, roleAssignedTo)", async () => {
    const [bot, human] = await Promise.all([server.createUser(), server.createUser()]);
    await server.client(bot.token).request('i/update', { isBot: true });
    const manual = await roleFor(admin(), [human.id], { name: 'manual' });
    const conditional = (condFormula: unknown, name: string) => roleFor(admin(), [], { name, target: 'conditional', condFormula, isPublic: true });
    const bots = await conditional({ id: 'a', type: 'isBot' }, 'bots');
    const localNonBots = await conditional({ id: 'b', type: 'and', values: [{ id: 'c', type: 'isLocal' }, { id: 'd', type: 'not', value: { id: 'e', type: 'isBot' } }] }, 'local humans');
    const remote = await conditional({ id: 'f', type: 'isRemote' }, 'remote');
    const assigned = await conditional({ id: 'g', type: 'roleAssignedTo', roleId: manual.id }, 'assigned');
    const young = await conditional({ id: 'h', type: 'createdLessThan', sec: 3600 }, 'young');
    const old = await conditional({ id: 'i', type: 'createdMoreThan', sec: 3600 }, 'old');
    const either = await conditional({ id: 'j', type: 'or', values: [{ id: 'k', type: 'isCat' }, { id: 'l', type: 'notesLessThanOrEq', value: 0 }] }, 'no notes or cat');
    const followers = await conditional({ id: 'm', type: 'followersMoreThanOrEq', value: 1 }, 'followed');

    await server.client(human.token).request('following/create', { userId: bot.id });
    const rolesOf = async (userId: string) => (await admin().request('users/show', { userId })).roles.map((role) => role.name).sort();
    expect(await rolesOf(bot.id)).toEqual(['bots', 'followed', 'no notes or cat', 'young']);
    expect(await rolesOf(human.id)).toEqual(['assigned', 'local humans', 'no notes or cat', 'young']);
    await server.client(human.token).request('notes/create', { text: 'one note' });
    expect(await rolesOf(human.id)).toEqual(['assigned', 'local humans', 'young']);
    void [bots, localNonBots, remote, assigned, young, old, either, followers];
  });

  it('a conditional role can grant moderation and policies', async () => {
    const cat = await server.createUser();
    await roleFor(admin(), [], { target: 'conditional', condFormula: { id: 'x', type: 'isCat' }, isModerator: true, policies: { clipLimit: policy(77) } });
    const me = server.client(cat.token);
    expect(await me.request('i', {})).toMatchObject({ isModerator: false });
    await me.request('i/update', { isCat: true });
    expect(await me.request('i', {})).toMatchObject({ isModerator: true, policies: expect.objectContaining({ clipLimit: 77 }) });
  });
});

describe('roles seen by moderators', () => {
  it('admin/show-user shows held roles, unexpired assignments and silencing; every role action is in the moderation log', async () => {
    // Conditional roles of earlier tests may hold this account too: priority 1 outranks them.
    const member = await server.createUser({ username: 'logged_member' });
    const role = await admin().request('admin/roles/create', roleParams({ name: 'Quiet', policies: { canPublicNote: policy(false, 1) } }));
    await admin().request('admin/roles/update', { roleId: role.id, name: 'Quieter' });
    const until = Date.now() + 3_600_000;
    await admin().request('admin/roles/assign', { roleId: role.id, userId: member.id, expiresAt: until });

    const shown = await admin().request('admin/show-user', { userId: member.id });
    expect(shown.isSilenced).toBe(true);
    expect(shown.roles.map((held) => held.id)).toContain(role.id);
    expect(shown.roleAssigns).toEqual([{ roleId: role.id, createdAt: expect.any(String), expiresAt: new Date(until).toISOString() }]);

    await admin().request('admin/roles/unassign', { roleId: role.id, userId: member.id });
    const after = await admin().request('admin/show-user', { userId: member.id });
    expect(after).toMatchObject({ isSilenced: false, roleAssigns: [] });
    expect(after.roles.map((held) => held.id)).not.toContain(role.id);
    await admin().request('admin/roles/delete', { roleId: role.id });

    const logs = await admin().request('admin/show-moderation-logs', { limit: 100 });
    const mine = logs.filter((log) => (log.info as { roleId?: string }).roleId === role.id).reverse();
    expect(mine.map((log) => log.type)).toEqual(['createRole', 'updateRole', 'assignRole', 'unassignRole', 'deleteRole']);
    for (const log of mine) expect(log.userId).toBe(root.id);
    expect(mine[1]!.info).toMatchObject({ before: { name: 'Quiet' }, after: { name: 'Quieter' } });
    expect(mine[2]!.info).toMatchObject({ userId: member.id, userUsername: 'logged_member', roleName: 'Quieter', expiresAt: new Date(until).toISOString() });
  });
});
