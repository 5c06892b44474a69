import type { AppContext } from '../../context.js';
import { genId } from '../../misc/id.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { exportJobKinds } from '../../jobs/kinds/exports.js';
import type { ExportJobData } from './run.js';

/** Queues an export for the user; the id fixed here is what makes a retried job recognise its own work. */
export async function requestExport(ctx: AppContext, userId: string, request: Omit<ExportJobData, 'exportId' | 'userId'>): Promise<void> {
  await enqueueJob(ctx, ctx.db, exportJobKinds[request.entity], { ...request, exportId: genId(), userId });
}
