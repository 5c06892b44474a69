import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { AppContext } from '../context.js';
import { createLocalUser } from '../core/users/create.js';

/**
 * A test's starting data, by name. Everything but the users is created through the public API as
 * the named user would (so it is exactly what an app would have made); users are created directly,
 * which skips sign-up's password hashing unless a password is given.
 */
export interface Fixtures {
  users?: Record<string, { name?: string; password?: string; isAdmin?: boolean; isModerator?: boolean; email?: string }>;
  /** `[follower, followee]` pairs of user names. */
  follows?: [string, string][];
  /** Files in a user's drive: `content` is text, or `base64` bytes. */
  files?: Record<string, { user: string; name: string; content?: string; base64?: string; type?: string }>;
  /** Notes: any `notes/create` parameter, with `replyTo`/`renote` naming earlier notes and `files` naming files. */
  notes?: Record<string, { user: string; replyTo?: string; renote?: string; files?: string[]; [param: string]: unknown }>;
  /** Clips with named notes in them. */
  clips?: Record<string, { user: string; name?: string; description?: string; isPublic?: boolean; notes?: string[] }>;
}

export interface LoadedFixtures {
  users: Record<string, { id: string; username: string; token: string }>;
  notes: Record<string, { id: string }>;
  files: Record<string, { id: string; url: string }>;
  clips: Record<string, { id: string }>;
  follows: number;
}

export class FixtureError extends Error {}

/** Reads fixtures from a .json, .yaml or .yml file. */
export function readFixtureFile(file: string): Fixtures {
  const text = fs.readFileSync(file, 'utf8');
  return (/\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text)) as Fixtures;
}

/**
 * Creates `fixtures` in order: users, follows, files, notes, clips. Names refer to what this call
 * creates or to users `known` already holds (an earlier load); an unknown name is an error.
 */
export async function loadFixtures(ctx: AppContext, origin: string, fixtures: Fixtures, known: LoadedFixtures['users'] = {}): Promise<LoadedFixtures> {
  const loaded: LoadedFixtures = { users: { ...known }, notes: {}, files: {}, clips: {}, follows: 0 };
  const userToken = (name: string) => {
    const user = loaded.users[name];
    if (!user) throw new FixtureError(`unknown user "${name}"`);
    return user.token;
  };
  const pick = <T>(table: Record<string, T>, kind: string, name: string): T => {
    const value = table[name];
    if (!value) throw new FixtureError(`unknown ${kind} "${name}"`);
    return value;
  };
  const call = async (endpoint: string, token: string, body: Record<string, unknown> | FormData): Promise<any> => {
    const form = body instanceof FormData;
    if (form) body.set('i', token);
    const response = await fetch(`${origin}/api/${endpoint}`, {
      method: 'POST',
      headers: form ? {} : { 'content-type': 'application/json' },
      body: form ? body : JSON.stringify({ ...body, i: token }),
    });
    const text = await response.text();
    if (!response.ok) throw new FixtureError(`${endpoint} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };

  for (const [name, input] of Object.entries(fixtures.users ?? {})) {
    const { user, token } = await createLocalUser(ctx, {
      username: name,
      name: input.name ?? null,
      password: input.password ?? null,
      email: input.email ?? null,
      emailVerified: input.email != null,
      isAdmin: input.isAdmin ?? false,
      isModerator: input.isModerator ?? false,
    });
    loaded.users[name] = { id: user.id, username: user.username, token };
  }
  for (const [follower, followee] of fixtures.follows ?? []) {
    await call('following/create', userToken(follower), { userId: pick(loaded.users, 'user', followee).id });
    loaded.follows++;
  }
  for (const [name, input] of Object.entries(fixtures.files ?? {})) {
    const bytes = input.base64 != null ? Buffer.from(input.base64, 'base64') : Buffer.from(input.content ?? '', 'utf8');
    const form = new FormData();
    form.set('file', new Blob([bytes], { type: input.type ?? 'application/octet-stream' }), input.name);
    form.set('name', input.name);
    const file = await call('drive/files/create', userToken(input.user), form);
    loaded.files[name] = { id: file.id, url: file.url };
  }
  for (const [name, input] of Object.entries(fixtures.notes ?? {})) {
    const { user, replyTo, renote, files, ...params } = input;
    const body: Record<string, unknown> = { ...params };
    if (replyTo) body.replyId = pick(loaded.notes, 'note', replyTo).id;
    if (renote) body.renoteId = pick(loaded.notes, 'note', renote).id;
    if (files) body.fileIds = files.map((file) => pick(loaded.files, 'file', file).id);
    const { createdNote } = await call('notes/create', userToken(user), body);
    loaded.notes[name] = { id: createdNote.id };
  }
  for (const [name, input] of Object.entries(fixtures.clips ?? {})) {
    const token = userToken(input.user);
    const clip = await call('clips/create', token, { name: input.name ?? name, description: input.description ?? null, isPublic: input.isPublic ?? false });
    for (const note of input.notes ?? []) await call('clips/add-note', token, { clipId: clip.id, noteId: pick(loaded.notes, 'note', note).id });
    loaded.clips[name] = { id: clip.id };
  }
  return loaded;
}
