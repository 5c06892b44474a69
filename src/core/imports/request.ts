import type { AppContext } from '../../context.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { importJobKinds } from '../../jobs/kinds/imports.js';
import type { ImportJobData } from './run.js';

/** Queues an import (the file was checked by `checkImportFile`). */
export async function requestImport(ctx: AppContext, data: ImportJobData): Promise<void> {
  await enqueueJob(ctx, ctx.db, importJobKinds[data.kind], data);
}
