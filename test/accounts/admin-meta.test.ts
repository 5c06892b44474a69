import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registrationErrors } from '../../src/api/account-errors.js';
import { startTestServer, type TestServer } from '../harness.js';
import { expectApiError, expectError, signup } from './helpers.js';


let server: TestServer;
let admin: { id: string; token: string };
let member: { id: string; token: string };

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.client().request('admin/accounts/create', { username: 'chief', password: 'pw' });
  member = await server.createUser();
});
afterAll(async () => { await server?.close(); });

describe('admin/update-meta', () => {
  it('is for administrators only', async () => {
    await expectApiError(server.client(member.token).request('admin/update-meta', { name: 'Hijacked' }),
      { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' });
    await expectApiError(server.client().request('admin/update-meta', { name: 'Hijacked' }),
      { code: 'CREDENTIAL_REQUIRED', id: '1384574d-a912-4b81-8601-c7b1c4085df1' });
    const moderator = await server.createUser({ isModerator: true });
    await expectApiError(server.client(moderator.token).request('admin/update-meta', { name: 'Hijacked' }),
      { code: 'ROLE_PERMISSION_DENIED', id: 'c3d38592-54c0-429d-be96-5636b0431a61' });
    expect((await server.client().request('meta', {})).name).not.toBe('Hijacked');
  });

  it('changes the settings it is sent, answers 204, and `meta` shows them at once', async () => {
    const res = await server.fetch('/api/admin/update-meta', {
      json: {
        i: admin.token, name: 'Mikan Test', shortName: 'MT', description: 'A test server', maintainerName: 'Chief',
        maintainerEmail: 'chief@example.com', langs: ['en', '', 'ja'], tosUrl: 'https://example.com/tos', repositoryUrl: 'not a url',
        feedbackUrl: 'https://example.com/feedback', impressumUrl: 'https://example.com/impressum', privacyPolicyUrl: 'https://example.com/privacy',
        inquiryUrl: 'https://example.com/inquiry', iconUrl: 'https://example.com/icon.png', bannerUrl: 'https://example.com/banner.png',
        backgroundImageUrl: 'https://example.com/bg.png', logoImageUrl: 'https://example.com/logo.png', themeColor: '#ff8800',
        serverRules: ['Be kind'], emailRequiredForSignup: true, enableServerMachineStats: true,
      },
    });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const meta = await server.client().request('meta', {});
    expect(meta).toMatchObject({
      name: 'Mikan Test', shortName: 'MT', description: 'A test server', maintainerName: 'Chief', maintainerEmail: 'chief@example.com',
      langs: ['en', 'ja'], tosUrl: 'https://example.com/tos', repositoryUrl: null, feedbackUrl: 'https://example.com/feedback',
      impressumUrl: 'https://example.com/impressum', privacyPolicyUrl: 'https://example.com/privacy', inquiryUrl: 'https://example.com/inquiry',
      iconUrl: 'https://example.com/icon.png', bannerUrl: 'https://example.com/banner.png', backgroundImageUrl: 'https://example.com/bg.png',
      logoImageUrl: 'https://example.com/logo.png', themeColor: '#ff8800', serverRules: ['Be kind'], emailRequiredForSignup: true,
    });
    expect(server.ctx.meta.get().enableServerMachineStats).toBe(true);

    // Fields left out keep their values; null clears.
    await server.client(admin.token).request('admin/update-meta', { description: null, emailRequiredForSignup: false });
    expect(await server.client().request('meta', {})).toMatchObject({ name: 'Mikan Test', description: null, emailRequiredForSignup: false });
  });

  it('closes and reopens registration', async () => {
    await server.client(admin.token).request('admin/update-meta', { disableRegistration: true });
    const meta = await server.client().request('meta', {}) as any;
    expect(meta.disableRegistration).toBe(true);
    expect(meta.features.registration).toBe(false);
    expectError(await signup(server, { username: 'blocked', password: 'pw' }), registrationErrors.registrationClosed, 400);
    // null changes nothing.
    await server.client(admin.token).request('admin/update-meta', { disableRegistration: null });
    expect((await server.client().request('meta', {})).disableRegistration).toBe(true);
    await server.client(admin.token).request('admin/update-meta', { disableRegistration: false });
    expect((await signup(server, { username: 'welcome', password: 'pw' })).status).toBe(200);
  });

  it('sets the base role policies (Mikan\'s extension), shown in meta and in every account\'s policies', async () => {
    await server.client(admin.token).request('admin/update-meta', { policies: { ltlAvailable: false, pinLimit: 9 } } as any);
    const meta = await server.client().request('meta', {});
    expect(meta.policies).toMatchObject({ ltlAvailable: false, pinLimit: 9, gtlAvailable: true });
    expect((await server.client(member.token).request('i', {})).policies).toMatchObject({ ltlAvailable: false, pinLimit: 9 });
    await server.client(admin.token).request('admin/update-meta', { policies: {} } as any);
    expect((await server.client().request('meta', {})).policies.pinLimit).toBe(5);
  });

  it('needs write:admin:meta from an administrator\'s app token', async () => {
    const reader = await server.createAppToken(admin.id, ['read:admin:meta']);
    await expectApiError(server.client(reader).request('admin/update-meta', { name: 'x' }),
      { code: 'PERMISSION_DENIED', id: '1370e5b7-d4eb-4566-bb1d-7748ee6a1838' });
    const writer = await server.createAppToken(admin.id, ['write:admin:meta']);
    await server.client(writer).request('admin/update-meta', { shortName: 'via app' });
    expect((await server.client().request('meta', {})).shortName).toBe('via app');
  });

  it('refuses values of the wrong type or length without changing anything', async () => {
    const before = await server.client().request('meta', {});
    for (const params of [{ name: 42 }, { langs: 'en' }, { shortName: 's'.repeat(65) }, { disableRegistration: 'yes' }, { policies: { pinLimit: 'many' } }]) {
      await expectApiError(server.client(admin.token).request('admin/update-meta', params as any),
        { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    }
    expect(await server.client().request('meta', {})).toEqual(before);
  });
});
