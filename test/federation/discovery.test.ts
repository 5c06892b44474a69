import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../harness.js';
import { AP, startFederatedServers } from '../fixtures/federation.js';

let a: TestServer;
let alice: { id: string; username: string; token: string };

beforeAll(async () => {
  [a] = await startFederatedServers(['disco']);
  alice = await a.createUser({ username: 'alice' });
});
afterAll(async () => { await a?.close(); });

const get = (path: string, accept?: string) => a.fetch(path, { method: 'GET', headers: accept ? { Accept: accept } : {} });

describe('discovery', () => {
  it('answers WebFinger for a local user, with CORS', async () => {
    const host = new URL(a.publicUrl).host;
    const res = await get(`/.well-known/webfinger?resource=${encodeURIComponent(`acct:alice@${host}`)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = JSON.parse(res.text);
    expect(body.subject).toBe(`acct:alice@${host}`);
    expect(body.links.find((link: any) => link.rel === 'self').href).toBe(`${a.publicUrl}/users/${alice.id}`);
  });

  it('WebFinger: unknown user 404, preflight allows the Accept header', async () => {
    const host = new URL(a.publicUrl).host;
    expect((await get(`/.well-known/webfinger?resource=${encodeURIComponent(`acct:nobody@${host}`)}`)).status).toBe(404);
    const preflight = await a.fetch('/.well-known/webfinger', { method: 'OPTIONS', headers: { Origin: 'https://x.example', 'Access-Control-Request-Method': 'GET' } });
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Accept');
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves host-meta in XML and JSON', async () => {
    const xml = await get('/.well-known/host-meta');
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toContain('application/xrd+xml');
    expect(xml.headers.get('access-control-allow-origin')).toBe('*');
    expect(xml.text).toContain(`template="${a.publicUrl}/.well-known/webfinger?resource={uri}"`);
    const json = await get('/.well-known/host-meta.json');
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    expect(json.body.links[0].template).toBe(`${a.publicUrl}/.well-known/webfinger?resource={uri}`);
  });
});

describe('content negotiation', () => {
  it('serves the actor at /users/:id and /@user to ActivityPub, HTML to browsers', async () => {
    await a.client(alice.token).request('i/update', { isCat: true, description: 'I am **alice**' });
    const actor = await get(`/users/${alice.id}`, AP);
    expect(actor.status).toBe(200);
    const body = JSON.parse(actor.text);
    expect(body.id).toBe(`${a.publicUrl}/users/${alice.id}`);
    expect(body.type).toBe('Person');
    expect(body.preferredUsername).toBe('alice');
    expect(body.inbox).toBe(`${a.publicUrl}/users/${alice.id}/inbox`);
    expect(body.endpoints.sharedInbox).toBe(`${a.publicUrl}/inbox`);
    expect(body.publicKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');
    expect(body.isCat).toBe(true);
    expect(body._misskey_summary).toBe('I am **alice**');
    expect(body.summary).toContain('<b>alice</b>');
    // The key pair is generated once: the same key the next time.
    const again = JSON.parse((await get(`/@alice`, 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"')).text);
    expect(again.id).toBe(body.id);
    expect(again.publicKey.publicKeyPem).toBe(body.publicKey.publicKeyPem);

    const html = await get(`/@alice`, 'text/html');
    expect(html.headers.get('content-type')).toContain('text/html');
  });

  it('404 for unknown actors, and notes the public may not see', async () => {
    expect((await get('/users/0000000000', AP)).status).toBe(404);
    expect((await get('/@nobody', AP)).status).toBe(404);
    const client = a.client(alice.token);
    const followersOnly = await client.request('notes/create', { text: 'secret', visibility: 'followers' });
    expect((await get(`/notes/${followersOnly.createdNote.id}`, AP)).status).toBe(404);
    expect((await get('/notes/0000000000', AP)).status).toBe(404);
  });

  it('serves a public note as a Note with its MFM source', async () => {
    const client = a.client(alice.token);
    const { createdNote } = await client.request('notes/create', { text: 'hello **world** #mikan', cw: 'cw!' });
    const res = await get(`/notes/${createdNote.id}`, AP);
    expect(res.status).toBe(200);
    const note = JSON.parse(res.text);
    expect(note.type).toBe('Note');
    expect(note.id).toBe(`${a.publicUrl}/notes/${createdNote.id}`);
    expect(note.attributedTo).toBe(`${a.publicUrl}/users/${alice.id}`);
    expect(note.source.content).toBe('hello **world** #mikan');
    expect(note.content).toContain('#mikan');
    expect(note.summary).toBe('cw!');
    // Misskey's own properties, which Misskey servers read.
    expect(note._misskey_content).toBe('hello **world** #mikan');
    expect([note.tag].flat()).toEqual([expect.objectContaining({ type: 'Hashtag', name: '#mikan' })]);
    // Fedify compacts the public collection to its CURIE, which Mastodon and Misskey read alike.
    expect([note.to].flat()).toContain('as:Public');
    const html = await get(`/notes/${createdNote.id}`, 'text/html');
    expect(html.headers.get('content-type')).toContain('text/html');
  });

  it('refuses the followers collection when the user hides it', async () => {
    expect((await get(`/users/${alice.id}/followers`, AP)).status).toBe(200);
    await a.client(alice.token).request('i/update', { followersVisibility: 'followers' });
    expect((await get(`/users/${alice.id}/followers`, AP)).status).toBe(404);
  });
});
