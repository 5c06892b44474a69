import type { AppContext } from '../context.js';
import type { Executor } from '../db/tx.js';
import type { JobKind } from './define.js';
import type { EnqueueOptions } from './queue.js';

export type { EnqueueOptions } from './queue.js';

/**
 * Enqueues a job of `kind` through `executor`: pass the transaction that writes the job's cause, so
 * the job exists if and only if that write commits (no job for a rolled-back write, none lost for
 * a committed one). Answers the job's id, or null when `singletonKey` matched a waiting or running job.
 */
export function enqueueJob<T>(ctx: AppContext, executor: Executor, kind: JobKind<T>, data: T, options: EnqueueOptions = {}): Promise<string | null> {
  return ctx.jobs.enqueue(executor, kind, data, options);
}
