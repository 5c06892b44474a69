import { and, eq, isNull } from 'drizzle-orm';
import webPush from 'web-push';
import type { Db } from '../../db/postgres.js';
import { meta, type MetaRow } from '../../db/schema/index.js';
import { resolvePolicies, type RolePolicies } from './policies.js';
import { topics, type InternalEvent } from '../../bus/topics.js';
import type { EventBus } from '../../bus/bus.js';

const META_ID = 'x';

/**
 * The instance settings, read on every request (rate-limit factors, policies, `meta`), so they are
 * kept in memory and re-read after a change. A change is announced on the bus (`metaChanged`), so
 * every other process (and worker) re-reads them too.
 */
export class MetaService {
  private row!: MetaRow;
  private policyCache!: RolePolicies;
  private bus: EventBus | null = null;

  constructor(private readonly db: Db) {}

  /** Re-reads the settings whenever any process announces a change; returns the unsubscriber. */
  listen(bus: EventBus, onError: (error: unknown) => void): () => void {
    this.bus = bus;
    return bus.subscribe(topics.internal, (message) => {
      if ((message as InternalEvent | null)?.type === 'metaChanged') this.reload().catch(onError);
    });
  }

  async load(): Promise<void> {
    await this.db.insert(meta).values({ id: META_ID }).onConflictDoNothing();
    await this.reload();
    if (this.row.swPublicKey == null || this.row.swPrivateKey == null) await this.generateVapidKeys();
  }

  /**
   * Web Push's VAPID key pair, made once for the instance and kept in the meta row like its other
   * secrets. Only the first of several processes starting together writes it (the null check).
   */
  private async generateVapidKeys(): Promise<void> {
    const keys = webPush.generateVAPIDKeys();
    await this.db.update(meta).set({ swPublicKey: keys.publicKey, swPrivateKey: keys.privateKey })
      .where(and(eq(meta.id, META_ID), isNull(meta.swPublicKey)));
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
    this.bus?.publish(topics.internal, { type: 'metaChanged' } satisfies InternalEvent);
    return this.row;
  }
}
