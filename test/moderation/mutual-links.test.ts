import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { pngWithOrientation, upload } from '../drive/helpers.js';
import { e, expectApiError, staff, startModerationServer, unknownId, type Account } from './helpers.js';

/** The MisskeyIO fork's mutual-link sections: set by i/update, shown on UserDetailed, one link unset by a moderator. */
let server: TestServer;
let moderator: Account;
let admin: Account;
const mod = () => server.client(moderator.token);
const unset = (token: string, params: Record<string, unknown>) => server.client(token).request('admin/unset-user-mutual-link' as never, params as never);
type Sections = { name: string | null; mutualLinks: { id: string; url: string; fileId: string; description: string | null; imgSrc: string }[] }[];
const sectionsOf = async (userId: string, token = moderator.token) => (await server.client(token).request('users/show', { userId }) as unknown as { mutualLinkSections: Sections }).mutualLinkSections;

const updateErrors = {
  noSuchFile: { code: 'NO_SUCH_FILE', id: 'e0f0d3c7-e704-4314-a0b5-04286d69a65c' },
  fileNotAnImage: { code: 'FILE_NOT_AN_IMAGE', id: '2851568b-5ad1-4031-bf0d-5320afebf3a9' },
};

beforeAll(async () => {
  server = await startModerationServer();
  ({ moderator, admin } = await staff(server));
});
afterAll(async () => { await server?.close(); });

describe('mutualLinkSections', () => {
  it('i/update sets them from the caller\'s own images; everyone sees them on the profile', async () => {
    const member = await server.createUser();
    const image = await upload(server, member.token, await pngWithOrientation());
    await server.client(member.token).request('i/update', { mutualLinkSections: [
      { name: 'Friends', mutualLinks: [{ url: 'https://friend.example/', fileId: image.id, description: 'a friend' }, { url: 'https://other.example/', fileId: image.id }] },
      { mutualLinks: [] },
    ] } as never);
    const sections = await sectionsOf(member.id, (await server.createUser()).token);
    expect(sections).toEqual([
      { name: 'Friends', mutualLinks: [
        { id: expect.any(String), url: 'https://friend.example/', fileId: image.id, description: 'a friend', imgSrc: image.url },
        { id: expect.any(String), url: 'https://other.example/', fileId: image.id, description: null, imgSrc: image.url },
      ] },
      { name: null, mutualLinks: [] },
    ]);
    expect((await server.client(member.token).request('i', {}) as unknown as { mutualLinkSections: Sections }).mutualLinkSections).toHaveLength(2);
  });

  it('i/update refuses someone else\'s file, a file that is not an image, a bad URL, too many sections', async () => {
    const [member, stranger] = await Promise.all([server.createUser(), server.createUser()]);
    const theirs = await upload(server, stranger.token, await pngWithOrientation());
    const text = await upload(server, member.token, 'not an image');
    const me = server.client(member.token);
    const links = (fileId: string, url = 'https://a.example/') => ({ mutualLinkSections: [{ mutualLinks: [{ url, fileId }] }] } as never);
    await expectApiError(me.request('i/update', links(theirs.id)), updateErrors.noSuchFile);
    await expectApiError(me.request('i/update', links(unknownId)), updateErrors.noSuchFile);
    await expectApiError(me.request('i/update', links(text.id)), updateErrors.fileNotAnImage);
    await expectApiError(me.request('i/update', links(text.id, 'not a url')), e.invalidParam);
    await expectApiError(me.request('i/update', { mutualLinkSections: Array.from({ length: 11 }, () => ({ mutualLinks: [] })) } as never), e.invalidParam);
    expect(await sectionsOf(member.id)).toEqual([]);
  });
});

describe('admin/unset-user-mutual-link', () => {
  it('takes one link off (logged with its URL), leaves the others; an unknown link changes nothing', async () => {
    const member = await server.createUser();
    const image = await upload(server, member.token, await pngWithOrientation());
    await server.client(member.token).request('i/update', { mutualLinkSections: [{ name: 'S', mutualLinks: [
      { url: 'https://spam.example/', fileId: image.id }, { url: 'https://fine.example/', fileId: image.id },
    ] }] } as never);
    const [spam, fine] = (await sectionsOf(member.id))[0]!.mutualLinks;
    await unset(moderator.token, { userId: member.id, itemId: spam!.id });
    expect(await sectionsOf(member.id)).toEqual([{ name: 'S', mutualLinks: [fine] }]);
    const logs = await server.client(admin.token).request('admin/show-moderation-logs', { type: 'unsetUserMutualLink' as never, limit: 100 });
    expect(logs[0]).toMatchObject({ userId: moderator.id, type: 'unsetUserMutualLink', info: { userId: member.id, userUsername: member.username, itemId: spam!.id, url: 'https://spam.example/', fileId: image.id } });
    await unset(moderator.token, { userId: member.id, itemId: spam!.id });
    expect(await server.client(admin.token).request('admin/show-moderation-logs', { type: 'unsetUserMutualLink' as never, limit: 100 })).toHaveLength(logs.length);
    expect(await sectionsOf(member.id)).toEqual([{ name: 'S', mutualLinks: [fine] }]);
  });

  it('moderators only; an app token needs write:admin:user-mutual-link; unknown account and bad params refused', async () => {
    const member = await server.createUser();
    await expectApiError(unset(member.token, { userId: member.id, itemId: unknownId }), e.moderatorRequired);
    await expectApiError(unset(moderator.token, { userId: unknownId, itemId: unknownId }), e.noSuchUser);
    await expectApiError(unset(moderator.token, { userId: member.id }), e.invalidParam);
    await expectApiError(unset(moderator.token, { userId: member.id, itemId: 'not an id!' }), e.invalidParam);
    const weak = await server.createAppToken(moderator.id, ['write:admin:user-avatar']);
    await expectApiError(unset(weak, { userId: member.id, itemId: unknownId }), e.permissionDenied);
    const strong = await server.createAppToken(moderator.id, ['write:admin:user-mutual-link']);
    await unset(strong, { userId: member.id, itemId: unknownId });
  });
});
