import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseAjv } from '../../src/api/validate.js';
import { AdminMetaSchema } from '../../src/core/meta/admin-schema.js';
import { startTestServer, type TestServer } from '../harness.js';
import { commonErrors, expectApiError } from '../api-errors.js';
import { roleFor, policy } from '../roles/helpers.js';

const errors = {
  adUpdate: { code: 'NO_SUCH_AD', id: 'b7aa1727-1354-47bc-a182-3a9c3973d300' },
  adDelete: { code: 'NO_SUCH_AD', id: 'ccac9863-3a03-416e-b899-8a64041118b1' },
  decorationUpdate: { code: 'NO_SUCH_AVATAR_DECORATION', id: 'f2a8bb63-0a3e-4d8e-9d5e-4f1f2a6c7b01' },
  decorationDelete: { code: 'NO_SUCH_AVATAR_DECORATION', id: '4b7e9f0e-5c1d-4f5a-8e3b-2d6a9c0f1e72' },
  restrictedByRole: { code: 'RESTRICTED_BY_ROLE', id: '8feff0ba-5ab5-585b-31f4-4df816663fad' },
  unsupported: { code: 'UNSUPPORTED_SETTING', id: '9e0336d0-26e6-4f7a-b47e-b7364c58748a' },
  roleRequired: { code: 'ROLE_PERMISSION_DENIED' },
  adminRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' },
  moderatorRequired: { code: 'ROLE_PERMISSION_DENIED', id: 'd33d5333-db36-423d-a8f9-1a2b9549da41' },
} as const;

const isAdminMeta = responseAjv.compile(AdminMetaSchema);

let server: TestServer;
let admin: { id: string; token: string };
let moderator: { id: string; token: string };
let member: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.client().request('admin/accounts/create', { username: 'chief', password: 'pw' });
  moderator = await server.createUser({ isModerator: true });
  member = await server.createUser();
});
afterAll(async () => { await server?.close(); });

const HOUR = 3_600_000;
function adParams(overrides: Record<string, unknown> = {}) {
  return {
    url: 'https://shop.example/', memo: 'spring sale', place: 'horizontal', priority: 'middle', ratio: 1,
    startsAt: Date.now() - HOUR, expiresAt: Date.now() + HOUR, imageUrl: 'https://shop.example/banner.png', dayOfWeek: 0,
    ...overrides,
  };
}

describe('admin/meta and admin/update-meta', () => {
  it('answers every setting as misskey-js declares it, to administrators only', async () => {
    const res = await server.client(admin.token).request('admin/meta', {});
    expect(isAdminMeta(res), responseAjv.errorsText(isAdminMeta.errors)).toBe(true);
    expect(res.useObjectStorage).toBe(false);
    expect(res.objectStorageSecretKey).toBeNull();
    await expectApiError(server.client(moderator.token).request('admin/meta', {}), errors.adminRequired);
    await expectApiError(server.client(member.token).request('admin/meta', {}), errors.adminRequired);
    await expectApiError(server.client().request('admin/meta', {}), commonErrors.credentialRequired);
    const appToken = await server.createAppToken(admin.id, ['write:admin:meta']);
    await expectApiError(server.client(appToken).request('admin/meta', {}), commonErrors.permissionDenied);
    const readToken = await server.createAppToken(admin.id, ['read:admin:meta']);
    expect((await server.client(readToken).request('admin/meta', {})).uri).toBe(server.url);
  });

  it('brands the instance: name, icon, colours, themes, pictures, URLs and maintainer show in meta and admin/meta', async () => {
    const branding = {
      name: 'Orchard', shortName: 'orch', description: 'A small orchard.', iconUrl: 'https://cdn.example/icon.png',
      bannerUrl: 'https://cdn.example/banner.png', backgroundImageUrl: 'https://cdn.example/bg.png', logoImageUrl: 'https://cdn.example/logo.png',
      themeColor: '#ff8800', defaultLightTheme: '{ name: "Light", base: "light", props: {} }', defaultDarkTheme: '{ name: "Dark", base: "dark", props: {} }',
      mascotImageUrl: 'https://cdn.example/mascot.png', serverErrorImageUrl: 'https://cdn.example/500.png', infoImageUrl: 'https://cdn.example/info.png',
      notFoundImageUrl: 'https://cdn.example/404.png', langs: ['en', '', 'ja'], tosUrl: 'https://orchard.example/tos',
      privacyPolicyUrl: 'https://orchard.example/privacy', inquiryUrl: 'https://orchard.example/contact', impressumUrl: 'https://orchard.example/impressum',
      maintainerName: 'Pomona', maintainerEmail: 'pomona@orchard.example', serverRules: ['Be kind', 'No spam'], notesPerOneAd: 5,
    };
    await server.client(admin.token).request('admin/update-meta', branding);
    const meta = await server.client().request('meta', { detail: true });
    const { langs, ...rest } = branding;
    expect(meta).toMatchObject(rest);
    expect(meta.langs).toEqual(['en', 'ja']);
    const adminMeta = await server.client(admin.token).request('admin/meta', {});
    expect(adminMeta).toMatchObject({ ...rest, notesPerOneAd: 5 });

    // Clearing a picture brings back the client's own (the mascot: Misskey's default path).
    await server.client(admin.token).request('admin/update-meta', { mascotImageUrl: null, defaultDarkTheme: null });
    const cleared = await server.client().request('meta', {});
    expect(cleared.mascotImageUrl).toBe('/assets/ai.png');
    expect(cleared.defaultDarkTheme).toBeNull();
    expect((await server.client(admin.token).request('admin/meta', {})).mascotImageUrl).toBeNull();

    // Each change is in the moderation log with the settings before and after (Misskey's updateServerSettings).
    const [log] = await server.client(admin.token).request('admin/show-moderation-logs', { type: 'updateServerSettings', limit: 1 });
    expect(log?.userId).toBe(admin.id);
    expect((log?.info as unknown as { before: { mascotImageUrl: string | null }; after: { mascotImageUrl: string | null } }).before.mascotImageUrl).toBe('https://cdn.example/mascot.png');
    expect((log?.info as unknown as { after: { mascotImageUrl: string | null } }).after.mascotImageUrl).toBeNull();
  });

  it('accepts the whole form admin/meta answers sent back unchanged (refused settings included)', async () => {
    const form = await server.client(admin.token).request('admin/meta', {}) as Record<string, unknown>;
    const { existsSync, readFileSync } = await import('node:fs');
    const path = await import('node:path');
    // ../shared beside the checkout (/work/main) or beside the worktrees' folder (/work/wt/<branch>).
    const specPath = [path.resolve('..', 'shared'), path.resolve('..', '..', 'shared')].map((dir) => path.join(dir, 'spec', 'params.json')).find((file) => existsSync(file))!;
    const spec = JSON.parse(readFileSync(specPath, 'utf8'));
    const fields = Object.keys(spec['admin/update-meta'].paramDef.properties);
    const body: Record<string, unknown> = { i: admin.token };
    for (const field of fields) if (field in form && form[field] !== undefined) body[field] = form[field];
    const res = await server.fetch('/api/admin/update-meta', { json: body });
    expect(res.status, res.text).toBe(204);
    expect((await server.client().request('meta', {})).name).toBe('Orchard');
  });

  it('refuses what Mikan cannot do, naming the field, and stores nothing', async () => {
    for (const [field, value] of [['useObjectStorage', true], ['objectStorageBucket', 'files'], ['app192IconUrl', 'https://cdn.example/192.png'], ['cacheRemoteFiles', true]] as const) {
      const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, [field]: value, name: 'Changed' } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ ...errors.unsupported, info: { param: field } });
    }
    expect((await server.client().request('meta', {})).name).toBe('Orchard');
    const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, notesPerOneAd: -1 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_PARAM');
  });

  it('pinned-users follows pinnedUsers', async () => {
    const alice = await server.createUser({ username: 'pinnedalice' });
    await server.client(admin.token).request('admin/update-meta', { pinnedUsers: ['@pinnedalice', 'nobody'] });
    const pinned = await server.client().request('pinned-users', {});
    expect(pinned.map((user) => user.id)).toEqual([alice.id]);
    expect((await server.client(admin.token).request('admin/meta', {})).pinnedUsers).toEqual(['@pinnedalice', 'nobody']);
    await server.client(admin.token).request('admin/update-meta', { pinnedUsers: [] });
    expect(await server.client().request('pinned-users', {})).toEqual([]);
  });
});

describe('ads', () => {
  it('creates, lists, updates and deletes ads; meta serves the ones in their window', async () => {
    const mod = server.client(moderator.token);
    const ad = await mod.request('admin/ad/create', adParams({ isSensitive: true, ratio: 3 }));
    expect(ad).toMatchObject({ url: 'https://shop.example/', memo: 'spring sale', place: 'horizontal', priority: 'middle', ratio: 3, dayOfWeek: 0, isSensitive: true });
    expect(new Date(ad.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const future = await mod.request('admin/ad/create', adParams({ startsAt: Date.now() + HOUR, expiresAt: Date.now() + 2 * HOUR, url: 'https://later.example/' }));
    const expired = await mod.request('admin/ad/create', adParams({ startsAt: Date.now() - 2 * HOUR, expiresAt: Date.now() - HOUR, url: 'https://past.example/' }));
    const otherDay = await mod.request('admin/ad/create', adParams({ dayOfWeek: 0b1111111 & ~(1 << new Date().getDay()), url: 'https://otherday.example/' }));
    const today = await mod.request('admin/ad/create', adParams({ dayOfWeek: 1 << new Date().getDay(), url: 'https://today.example/' }));

    const meta = await server.client().request('meta', { detail: false });
    expect(meta.ads.map((a) => a.id).sort()).toEqual([ad.id, today.id].sort());
    expect(meta.ads.find((a) => a.id === ad.id)).toEqual({ id: ad.id, url: ad.url, place: 'horizontal', ratio: 3, imageUrl: ad.imageUrl, dayOfWeek: 0, isSensitive: true });
    expect(meta.ads.find((a) => a.id === today.id)).not.toHaveProperty('isSensitive');

    const all = await mod.request('admin/ad/list', { limit: 100 });
    expect(all.map((a) => a.id)).toEqual([today.id, otherDay.id, expired.id, future.id, ad.id]);
    expect((await mod.request('admin/ad/list', { publishing: true })).map((a) => a.id).sort()).toEqual([ad.id, otherDay.id, today.id].sort());
    expect((await mod.request('admin/ad/list', { publishing: false })).map((a) => a.id).sort()).toEqual([expired.id, future.id].sort());
    expect((await mod.request('admin/ad/list', { limit: 2, untilId: otherDay.id })).map((a) => a.id)).toEqual([expired.id, future.id]);

    await mod.request('admin/ad/update', { id: future.id, startsAt: Date.now() - 1000, memo: 'now' });
    expect((await server.client().request('meta', {})).ads.map((a) => a.id)).toContain(future.id);
    const [updated] = (await mod.request('admin/ad/list', { limit: 100 })).filter((a) => a.id === future.id);
    expect(updated.memo).toBe('now');

    await mod.request('admin/ad/delete', { id: ad.id });
    expect((await server.client().request('meta', {})).ads.map((a) => a.id)).not.toContain(ad.id);
    for (const { id } of [future, expired, otherDay, today]) await mod.request('admin/ad/delete', { id });
    expect((await server.client().request('meta', {})).ads).toEqual([]);

    const logs = await server.client(admin.token).request('admin/show-moderation-logs', { limit: 20 });
    expect(logs.map((log) => log.type)).toEqual(expect.arrayContaining(['createAd', 'updateAd', 'deleteAd']));
  });

  it('answers NO_SUCH_AD for unknown ads and refuses bad params', async () => {
    const mod = server.client(moderator.token);
    await expectApiError(mod.request('admin/ad/update', { id: 'aaaaaaaaaaaaaaaa', memo: 'x' }), errors.adUpdate);
    await expectApiError(mod.request('admin/ad/delete', { id: 'aaaaaaaaaaaaaaaa' }), errors.adDelete);
    await expectApiError(mod.request('admin/ad/create', adParams({ url: '' })), commonErrors.invalidParam);
    await expectApiError(mod.request('admin/ad/create', adParams({ expiresAt: 9e15 })), commonErrors.invalidParam);
    await expectApiError(mod.request('admin/ad/create', { url: 'https://x.example/' } as never), commonErrors.invalidParam);
    await expectApiError(mod.request('admin/ad/list', { limit: 101 }), commonErrors.invalidParam);
  });

  it('is for moderators, with the admin:ad permissions on app tokens', async () => {
    await expectApiError(server.client(member.token).request('admin/ad/create', adParams()), errors.moderatorRequired);
    await expectApiError(server.client(member.token).request('admin/ad/list', {}), errors.moderatorRequired);
    await expectApiError(server.client().request('admin/ad/list', {}), commonErrors.credentialRequired);
    const readOnly = await server.createAppToken(moderator.id, ['read:admin:ad']);
    expect(await server.client(readOnly).request('admin/ad/list', {})).toEqual([]);
    await expectApiError(server.client(readOnly).request('admin/ad/create', adParams()), commonErrors.permissionDenied);
  });
});

describe('avatar decorations', () => {
  it('manages decorations; users wear them within avatarDecorationLimit, packed on UserLite', async () => {
    const adminApi = server.client(admin.token);
    const crown = await adminApi.request('admin/avatar-decorations/create', { name: 'Crown', description: 'A crown', url: 'https://cdn.example/crown.png' });
    expect(crown).toMatchObject({ name: 'Crown', description: 'A crown', url: 'https://cdn.example/crown.png', roleIdsThatCanBeUsedThisDecoration: [], category: null, updatedAt: null });
    const vip = await roleFor(adminApi, [], { name: 'vip' });
    const halo = await adminApi.request('admin/avatar-decorations/create', { name: 'Halo', description: '', url: 'https://cdn.example/halo.png', roleIdsThatCanBeUsedThisDecoration: [vip.id] });

    const listed = await server.client().request('get-avatar-decorations', {});
    expect(listed.map((d) => d.id)).toEqual([crown.id, halo.id]);
    expect(listed[1].roleIdsThatCanBeUsedThisDecoration).toEqual([vip.id]);
    expect((await adminApi.request('admin/avatar-decorations/list', {})).map((d) => d.id)).toEqual([crown.id, halo.id]);

    // The base limit is 1 (Misskey's default): two are refused, unknown and role-reserved ones are dropped.
    const user = await server.createUser();
    const userApi = server.client(user.token);
    await expectApiError(userApi.request('i/update', { avatarDecorations: [{ id: crown.id }, { id: halo.id }] }), errors.restrictedByRole);
    const me = await userApi.request('i/update', { avatarDecorations: [{ id: crown.id, angle: 0.25, flipH: true, offsetX: 0, offsetY: -0.1 }] });
    expect(me.avatarDecorations).toEqual([{ id: crown.id, url: 'https://cdn.example/crown.png', angle: 0.25, flipH: true, offsetY: -0.1 }]);
    expect((await userApi.request('i/update', { avatarDecorations: [{ id: halo.id }] })).avatarDecorations).toEqual([]);
    expect((await userApi.request('i/update', { avatarDecorations: [{ id: 'aaaaaaaaaaaaaaaa' }] })).avatarDecorations).toEqual([]);
    await expectApiError(userApi.request('i/update', { avatarDecorations: [{ id: crown.id, angle: 0.6 }] }), commonErrors.invalidParam);

    // A role raising the limit and granting the reserved decoration.
    await adminApi.request('admin/roles/update', { roleId: vip.id, ...(await import('../roles/helpers.js')).roleParams({ name: 'vip', policies: { avatarDecorationLimit: policy(3) } }) } as never);
    await adminApi.request('admin/roles/assign', { roleId: vip.id, userId: user.id });
    const both = await userApi.request('i/update', { avatarDecorations: [{ id: crown.id }, { id: halo.id, offsetX: 0.2 }] });
    expect(both.avatarDecorations).toEqual([{ id: crown.id, url: crown.url }, { id: halo.id, url: halo.url, offsetX: 0.2 }]);

    // Others see them on notes and user pages.
    const { createdNote } = await userApi.request('notes/create', { text: 'decorated' });
    expect(createdNote.user.avatarDecorations.map((d) => d.id)).toEqual([crown.id, halo.id]);

    // A new URL reaches the wearers; a deleted decoration comes off.
    await adminApi.request('admin/avatar-decorations/update', { id: crown.id, url: 'https://cdn.example/crown2.png', name: 'Crown II' });
    const shown = await server.client().request('users/show', { userId: user.id });
    expect(shown.avatarDecorations[0]).toEqual({ id: crown.id, url: 'https://cdn.example/crown2.png' });
    const afterUpdate = (await adminApi.request('admin/avatar-decorations/list', {})).find((d) => d.id === crown.id)!;
    expect(afterUpdate.name).toBe('Crown II');
    expect(afterUpdate.updatedAt).not.toBeNull();
    await adminApi.request('admin/avatar-decorations/delete', { id: halo.id });
    expect((await server.client().request('users/show', { userId: user.id })).avatarDecorations.map((d) => d.id)).toEqual([crown.id]);
    expect((await server.client().request('get-avatar-decorations', {})).map((d) => d.id)).toEqual([crown.id]);
    // A deleted role no longer restricts a decoration.
    const gone = await roleFor(adminApi, [], { name: 'gone' });
    const star = await adminApi.request('admin/avatar-decorations/create', { name: 'Star', description: '', url: 'https://cdn.example/star.png', roleIdsThatCanBeUsedThisDecoration: [gone.id] });
    await adminApi.request('admin/roles/delete', { roleId: gone.id });
    expect((await server.client().request('get-avatar-decorations', {})).find((d) => d.id === star.id)!.roleIdsThatCanBeUsedThisDecoration).toEqual([]);
    const other = await server.createUser();
    expect((await server.client(other.token).request('i/update', { avatarDecorations: [{ id: star.id }] })).avatarDecorations.map((d) => d.id)).toEqual([star.id]);
  });

  it('answers NO_SUCH_AVATAR_DECORATION for unknown ids and refuses bad params', async () => {
    const adminApi = server.client(admin.token);
    await expectApiError(adminApi.request('admin/avatar-decorations/update', { id: 'aaaaaaaaaaaaaaaa', name: 'x' }), errors.decorationUpdate);
    await expectApiError(adminApi.request('admin/avatar-decorations/delete', { id: 'aaaaaaaaaaaaaaaa' }), errors.decorationDelete);
    await expectApiError(adminApi.request('admin/avatar-decorations/create', { name: '', description: '', url: 'https://x.example/a.png' }), commonErrors.invalidParam);
    await expectApiError(adminApi.request('admin/avatar-decorations/create', { name: 'x', description: '' } as never), commonErrors.invalidParam);
  });

  it('needs canManageAvatarDecorations (moderators lack it by default) and the admin:avatar-decorations permissions', async () => {
    const params = { name: 'x', description: '', url: 'https://x.example/a.png' };
    const refusal = server.client(member.token).request('admin/avatar-decorations/create', params);
    await expect(refusal).rejects.toMatchObject({ code: 'ROLE_PERMISSION_DENIED' });
    await expect(server.client(moderator.token).request('admin/avatar-decorations/list', {})).rejects.toMatchObject({ code: 'ROLE_PERMISSION_DENIED' });
    await expectApiError(server.client().request('admin/avatar-decorations/list', {}), commonErrors.credentialRequired);
    const adminApi = server.client(admin.token);
    const manager = await server.createUser();
    await roleFor(adminApi, [manager.id], { name: 'decorators', policies: { canManageAvatarDecorations: policy(true) } });
    const created = await server.client(manager.token).request('admin/avatar-decorations/create', params);
    expect(created.name).toBe('x');
    const readOnly = await server.createAppToken(manager.id, ['read:admin:avatar-decorations']);
    expect((await server.client(readOnly).request('admin/avatar-decorations/list', {})).length).toBeGreaterThan(0);
    await expectApiError(server.client(readOnly).request('admin/avatar-decorations/delete', { id: created.id }), commonErrors.permissionDenied);
  });
});
