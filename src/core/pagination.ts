import { and, asc, desc, gt, lt, type AnyColumn, type Placeholder, type SQL } from 'drizzle-orm';
import { idLowerBoundAt } from '../misc/id.js';

/** The paging parameters Misskey's list endpoints take. Dates are ms since the epoch. */
export interface Page {
  sinceId?: string;
  untilId?: string;
  sinceDate?: number;
  untilDate?: number;
}

/**
 * Misskey's paging by id: results are newest first, except when only a lower bound (`sinceId`, or
 * `sinceDate`) is given: then oldest first, so a client can walk forward. Dates become id bounds
 * (aidx ids sort by creation time), so every page is an index range scan.
 */
export function paginate(idColumn: AnyColumn, page: Page): { where: SQL | undefined; orderBy: SQL } {
  const { since, until } = idBounds(page);
  return idRange(idColumn, since, until);
}

/** `paginate` for bounds already given as ids (or placeholders for them, in a prepared statement). */
export function idRange(idColumn: AnyColumn, since: string | Placeholder | undefined, until: string | Placeholder | undefined): { where: SQL | undefined; orderBy: SQL } {
  const bounds = [since !== undefined ? gt(idColumn, since) : undefined, until !== undefined ? lt(idColumn, until) : undefined];
  const oldestFirst = since !== undefined && until === undefined;
  return { where: and(...bounds), orderBy: oldestFirst ? asc(idColumn) : desc(idColumn) };
}

/** The page's bounds as ids (dates converted), exclusive. */
export function idBounds(page: Page): { since: string | undefined; until: string | undefined } {
  return {
    since: page.sinceId ?? (page.sinceDate != null ? idLowerBoundAt(page.sinceDate + 1) : undefined),
    until: page.untilId ?? (page.untilDate != null ? idLowerBoundAt(page.untilDate) : undefined),
  };
}
