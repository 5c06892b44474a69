import path from 'node:path';
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

describe('admin/update-meta: sensitive and prohibited words', () => {
  const post = (token: string, params: Record<string, unknown>) => server.client(token).request('notes/create', params as never) as Promise<any>;

  it('posts a public note matching a sensitive word (plain, /regex/ or all of several words) as home; other visibilities stay', async () => {
    await server.client(admin.token).request('admin/update-meta', { sensitiveWords: ['spoiler', '/ending\\s+revealed/i', 'murder butler', ''] });
    try {
      expect((await post(member.token, { text: 'no spoiler here' })).createdNote.visibility).toBe('home');
      expect((await post(member.token, { text: 'The ENDING  Revealed!' })).createdNote.visibility).toBe('home');
      expect((await post(member.token, { text: 'the butler did the murder' })).createdNote.visibility).toBe('home');
      // Only one of the words: not a match.
      expect((await post(member.token, { text: 'the butler did it' })).createdNote.visibility).toBe('public');
      // The CW is what is checked when there is one.
      expect((await post(member.token, { cw: 'fine', text: 'spoiler' })).createdNote.visibility).toBe('public');
      expect((await post(member.token, { cw: 'spoiler', text: 'fine' })).createdNote.visibility).toBe('home');
      expect((await post(member.token, { text: 'spoiler', visibility: 'followers' })).createdNote.visibility).toBe('followers');
    } finally {
      await server.client(admin.token).request('admin/update-meta', { sensitiveWords: [] });
    }
    expect((await post(member.token, { text: 'spoiler' })).createdNote.visibility).toBe('public');
  });

  it('refuses a note with a prohibited word in its text, CW or poll choices with CONTAINS_PROHIBITED_WORDS, and stores nothing', async () => {
    await server.client(admin.token).request('admin/update-meta', { prohibitedWords: ['badword', '/casino\\d+/'] });
    const prohibited = { code: 'CONTAINS_PROHIBITED_WORDS', id: 'aa6e01d3-a85c-669d-758a-76aab43af334' };
    try {
      const before = (await server.client(member.token).request('users/show', { userId: member.id })).notesCount;
      await expectApiError(post(member.token, { text: 'a badword here' }), prohibited);
      await expectApiError(post(member.token, { cw: 'badword', text: 'hidden' }), prohibited);
      await expectApiError(post(member.token, { text: 'vote', poll: { choices: ['yes', 'casino777'] } }), prohibited);
      await expectApiError(post(member.token, { text: 'badword', visibility: 'home' }), prohibited);
      const res = await server.fetch('/api/notes/create', { json: { i: member.token, text: 'badword' } });
      expect(res.status).toBe(400);
      expect((await server.client(member.token).request('users/show', { userId: member.id })).notesCount).toBe(before);
      expect((await post(member.token, { text: 'casino is fine' })).createdNote.text).toBe('casino is fine');
    } finally {
      await server.client(admin.token).request('admin/update-meta', { prohibitedWords: [] });
    }
    expect((await post(member.token, { text: 'badword' })).createdNote.text).toBe('badword');
  });

  it('refuses an expression RE2 cannot run, keeping the lists as they were', async () => {
    await server.client(admin.token).request('admin/update-meta', { sensitiveWords: ['kept'] });
    await expectApiError(server.client(admin.token).request('admin/update-meta', { sensitiveWords: ['ok', '/a(b/'] }),
      { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    expect(server.ctx.meta.get().sensitiveWords).toEqual(['kept']);
    await server.client(admin.token).request('admin/update-meta', { sensitiveWords: null });
    expect(server.ctx.meta.get().sensitiveWords).toEqual(['kept']);
    await server.client(admin.token).request('admin/update-meta', { sensitiveWords: [] });
  });
});

describe('admin/update-meta: settings Mikan does not implement', () => {
  const unsupported = { code: 'UNSUPPORTED_SETTING', id: '9e0336d0-26e6-4f7a-b47e-b7364c58748a' };

  it('accepts the value that leaves the feature off, as a settings form sends back', async () => {
    const res = await server.fetch('/api/admin/update-meta', {
      json: { i: admin.token, enableHcaptcha: false, hcaptchaSiteKey: null, blockedHosts: [], federation: 'all', enableEmail: false, smtpPort: null, notesPerOneAd: 0, name: 'Still Mikan' },
    });
    expect(res.status).toBe(204);
    expect((await server.client().request('meta', {})).name).toBe('Still Mikan');
  });

  it('refuses any other value with UNSUPPORTED_SETTING naming the field, and changes nothing', async () => {
    for (const [field, value] of [['enableHcaptcha', true], ['blockedHosts', ['evil.example']], ['federation', 'none'], ['bannedEmailDomains', ['spam.example']],
      ['hiddenTags', ['x']], ['perUserHomeTimelineCacheMax', 500], ['enableIdenticonGeneration', false]] as const) {
      const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, [field]: value, name: 'Changed' } });
      expectError(res, unsupported, 400);
      expect(res.body.error.info.param).toBe(field);
      expect(res.body.error.info.reason).toContain(field);
    }
    expect((await server.client().request('meta', {})).name).toBe('Still Mikan');
  });

  it('still validates types of those fields', async () => {
    const res = await server.fetch('/api/admin/update-meta', { json: { i: admin.token, enableHcaptcha: 'no' } });
    expectError(res, { code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' }, 400);
  });

  it('accepts every field of Misskey\'s admin/update-meta (none is silently dropped as unknown)', async () => {
    const { readFileSync } = await import('node:fs');
    const spec = JSON.parse(readFileSync(path.resolve('..', 'shared', 'spec', 'params.json'), 'utf8'));
    const misskeyFields = Object.keys(spec['admin/update-meta'].paramDef.properties);
    const doc = await server.fetch('/api.json', { method: 'GET' });
    const schema = doc.body.paths['/admin/update-meta'].post.requestBody.content['application/json'].schema;
    const declared = Object.keys(schema.properties ?? doc.body.components?.schemas?.[schema.$ref?.split('/').pop()]?.properties ?? {});
    expect(misskeyFields.filter((field) => !declared.includes(field))).toEqual([]);
  });
});
