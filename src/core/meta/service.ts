import { eq } from 'drizzle-orm';
import type { Db } from '../../db/postgres.js';
import { meta, type MetaRow } from '../../db/schema/index.js';
import { resolvePolicies, type RolePolicies } from './policies.js';

const META_ID = 'x';

/**
 * The instance settings, read on every request (rate-limit factors, policies, `meta`), so they are
 * kept in memory and re-read after a change. Across processes a change will be announced over the
 * EventBus once it exists; until then `reload()` is how a process picks one up.
 */
export class MetaService {
  private row!: MetaRow;
  private policyCache!: RolePolicies;

  constructor(private readonly db: Db) {}

  async load(): Promise<void> {
    await this.db.insert(meta).values({ id: META_ID }).onConflictDoNothing();
    await this.reload();
  }

  async reload(): Promise<void> {
    const [row] = await this.db.select().from(meta).where(eq(meta.id, META_ID));
    this.row = row;
    this.policyCache = resolvePolicies(row.policies);
  }

  get(): MetaRow {
    return this.row;
  }

  get policies(): RolePolicies {
    return this.policyCache;
  }

  async update(patch: Partial<Omit<MetaRow, 'id' | 'updatedAt'>>): Promise<MetaRow> {
    await this.db.update(meta).set({ ...patch, updatedAt: new Date() }).where(eq(meta.id, META_ID));
    await this.reload();
    return this.row;
  }
}
