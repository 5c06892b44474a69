import type { TestServer } from '../harness.js';
import { upload } from '../drive/helpers.js';
import { waitFor } from '../notes-interactions/helpers.js';

export type TestUser = Awaited<ReturnType<TestServer['createUser']>>;

/** `username@host` as Misskey's exports write a local account of this server. */
export function acct(server: TestServer, user: { username: string }): string {
  return `${user.username}@${server.ctx.config.hostname}`;
}

/** A drive file's bytes, fetched from its public URL the way a client downloads it. */
export async function downloadDriveFile(server: TestServer, token: string, fileId: string): Promise<{ file: any; text: string }> {
  const file = await server.client(token).request('drive/files/show', { fileId }) as any;
  const response = await fetch(file.url);
  if (!response.ok) throw new Error(`download failed: ${response.status}`);
  return { file, text: await response.text() };
}

/** The user's exportCompleted notifications, newest first. */
export async function exportNotifications(server: TestServer, token: string): Promise<any[]> {
  const list = await server.client(token).request('i/notifications', { limit: 100, includeTypes: ['exportCompleted'] }) as any[];
  return list;
}

/** Uploads an import file (CSV text) into the user's drive and answers its id. */
export async function uploadCsv(server: TestServer, token: string, text: string, name = 'import.csv'): Promise<string> {
  const file = await upload(server, token, text, { name, force: true });
  return file.id;
}

/** The accounts a user follows, mutes, blocks: sorted usernames. */
export async function followees(server: TestServer, user: TestUser): Promise<string[]> {
  const list = await server.client(user.token).request('users/following', { userId: user.id, limit: 100 }) as any[];
  return list.map((row) => row.followee.username).sort();
}
export async function mutees(server: TestServer, user: TestUser): Promise<string[]> {
  const list = await server.client(user.token).request('mute/list', { limit: 100 }) as any[];
  return list.map((row) => row.mutee.username).sort();
}
export async function blockees(server: TestServer, user: TestUser): Promise<string[]> {
  const list = await server.client(user.token).request('blocking/list', { limit: 100 }) as any[];
  return list.map((row) => row.blockee.username).sort();
}
/** List name → sorted member usernames. */
export async function listsOf(server: TestServer, user: TestUser): Promise<Record<string, string[]>> {
  const client = server.client(user.token);
  const lists = await client.request('users/lists/list', {}) as any[];
  const result: Record<string, string[]> = {};
  for (const list of lists) {
    const members = await client.request('users/lists/get-memberships', { listId: list.id, limit: 100 }) as any[];
    result[list.name] = members.map((member) => member.user.username).sort();
  }
  return result;
}

/** The state of the newest job of `kind` whose data mentions `text` (pg-boss's own table). */
export async function jobStates(server: TestServer, kind: string, userId: string): Promise<string[]> {
  const { rows } = await server.ctx.database.pool.query<{ state: string }>(
    `SELECT state FROM pgboss.job WHERE name = $1 AND data->>'userId' = $2 ORDER BY created_on`, [kind, userId]);
  return rows.map((row) => row.state);
}

/** Waits until every job of `kind` for the user has completed (there is no event for an import's end). */
export async function importsDone(server: TestServer, kind: string, userId: string, count = 1): Promise<void> {
  await waitFor(async () => {
    const states = await jobStates(server, kind, userId);
    if (states.includes('failed')) throw new Error(`${kind} failed`);
    return states.length >= count && states.every((state) => state === 'completed');
  }, 30_000);
}
