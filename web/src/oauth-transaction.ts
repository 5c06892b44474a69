import type { LocationQuery } from 'vue-router';
import { queryString } from './redirect';

/**
 * The OAuth transaction this document was served for: GET /oauth/authorize answers 200 with it in
 * `<meta name="misskey:oauth:transaction-id">`, as Misskey does. Read once at load: the tag belongs
 * to the document, and survives the in-app detour through sign-in.
 */
const servedTransactionId = document.querySelector<HTMLMetaElement>('meta[name="misskey:oauth:transaction-id"]')?.content || null;

/** The transaction to decide: the served one, else `transaction_id` in the query (links of the earlier contract). */
export function oauthTransactionId(query: LocationQuery): string | null {
  return servedTransactionId ?? (queryString(query.transaction_id) || null);
}
