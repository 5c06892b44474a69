import type { AppContext } from '../../context.js';
import type { BlockingRow, MutingRow, RenoteMutingRow } from '../../db/schema/index.js';
import type { AuthUser } from '../auth/authenticate.js';
import { packWithUsers } from '../users/pack-list.js';
import type { Blocking, Muting, RenoteMuting } from './schema.js';

export function packBlockings(ctx: AppContext, rows: readonly BlockingRow[], viewer: AuthUser): Promise<Blocking[]> {
  return packWithUsers(ctx, rows, (row) => row.blockeeId, viewer, (row, blockee) => ({
    id: row.id, createdAt: row.createdAt.toISOString(), blockeeId: row.blockeeId, blockee,
  }));
}

export function packMutings(ctx: AppContext, rows: readonly MutingRow[], viewer: AuthUser): Promise<Muting[]> {
  return packWithUsers(ctx, rows, (row) => row.muteeId, viewer, (row, mutee) => ({
    id: row.id, createdAt: row.createdAt.toISOString(), expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null, muteeId: row.muteeId, mutee,
  }));
}

export function packRenoteMutings(ctx: AppContext, rows: readonly RenoteMutingRow[], viewer: AuthUser): Promise<RenoteMuting[]> {
  return packWithUsers(ctx, rows, (row) => row.muteeId, viewer, (row, mutee) => ({
    id: row.id, createdAt: row.createdAt.toISOString(), muteeId: row.muteeId, mutee,
  }));
}
