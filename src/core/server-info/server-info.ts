import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Static } from '@sinclair/typebox';
import type { AppContext } from '../../context.js';
import type { ServerInfoSchema } from './schema.js';

export type ServerInfo = Static<typeof ServerInfoSchema>;

/** What Misskey answers while the admin keeps machine stats private (the default). */
export const HIDDEN_SERVER_INFO: ServerInfo = {
  machine: '?',
  cpu: { model: '?', cores: 0 },
  mem: { total: 0 },
  fs: { total: 0, used: 0 },
};

/** Host name, CPU, memory and the disk holding the data dir, only when the admin opted in. */
export async function getServerInfo(ctx: AppContext): Promise<ServerInfo> {
  if (!ctx.meta.get().enableServerMachineStats) return HIDDEN_SERVER_INFO;

  return machineInfo(ctx);
}

/** The host's real figures (moderators see them always, `admin/server-info`). */
export async function machineInfo(ctx: AppContext): Promise<ServerInfo> {
  const cpus = os.cpus();
  return {
    machine: os.hostname(),
    cpu: { model: cpus[0]?.model ?? '?', cores: cpus.length },
    mem: { total: os.totalmem() },
    fs: await diskUsage(ctx.config.dataDir),
  };
}

/**
 * The file system the data lives on (Misskey reports its first mounted file system, which on a
 * container is usually the same disk). With an external database the data dir may not exist, so
 * the nearest existing ancestor stands in for it.
 */
async function diskUsage(dataDir: string): Promise<ServerInfo['fs']> {
  let dir = path.resolve(dataDir);
  for (;;) {
    try {
      const stats = await fs.statfs(dir);
      return { total: stats.blocks * stats.bsize, used: (stats.blocks - stats.bfree) * stats.bsize };
    } catch (error) {
      const parent = path.dirname(dir);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === dir) return { total: 0, used: 0 };
      dir = parent;
    }
  }
}
