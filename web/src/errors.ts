import { shallowRef } from 'vue';
import type { ShownError } from './api';
import { i18n, t } from './i18n';
import messagesUrl from './error-messages.json?url';

type Messages = Record<string, { en: string; ja: string }>;

/**
 * `error-messages.json`: a readable message, in English and Japanese, for every error code the API
 * answers (`byCode`: the codes of ../shared/spec/errors.tsv that Mikan sends, English from the
 * server's own definitions, plus Mikan's sign-up codes) and for answers that carry only an `id`
 * (`byId`: signin-flow and signin-with-passkey, as in Misskey). A separate asset fetched once after
 * start (about 9 kB gzip), not part of the initial script: the client's 150 kB budget. Until it
 * has arrived, or if it cannot be fetched, the server's own message shows.
 */
const table = shallowRef<{ byCode: Messages; byId: Messages } | null>(null);
let loading: Promise<void> | null = null;
export function loadErrorMessages(): Promise<void> {
  loading ??= fetch(messagesUrl).then((response) => response.json()).then((json) => { table.value = json; }).catch(() => { loading = null; });
  return loading;
}

/** The failing parameter of an INVALID_PARAM: Mikan's `info.path`, else the name in Misskey's schema path. */
export function invalidParamField(info: unknown): { field: string; reason: string } | null {
  if (!info || typeof info !== 'object') return null;
  const { path, param, reason } = info as { path?: unknown; param?: unknown; reason?: unknown };
  let field = typeof path === 'string' && path !== '' ? path : '';
  if (!field && typeof param === 'string') field = /^#\/properties\/([^/]+)/.exec(param)?.[1] ?? (/^[\w.]+$/.test(param) ? param : '');
  if (!field) return null;
  // The server's reason starts with the value's path ("/username must …"), which the field already names.
  const text = typeof reason === 'string' ? reason.replace(/^(\/\S*|params)\s+/, '').trim() : '';
  return { field, reason: text };
}

/** What to show for an error, in the current language (re-evaluated when the language changes). */
export function humanMessage(error: ShownError): string {
  if (error.status === undefined && !error.code && !error.id && error.network) return t('error.unreachable');
  void loadErrorMessages();
  const byId = error.id ? table.value?.byId[error.id] : undefined;
  const byCode = error.code ? table.value?.byCode[error.code] : undefined;
  const httpStatus = /^HTTP_(\d{3})$/.exec(error.code ?? '')?.[1];
  const server = error.serverMessage || error.message;
  // English: the server's own message is the spec's English one (and may be more precise than the
  // code's, e.g. per endpoint); the table covers answers without one. Other languages: the table.
  let message = byId?.[i18n.locale]
    ?? (i18n.locale === 'en' && server ? server : undefined)
    ?? byCode?.[i18n.locale]
    ?? (httpStatus ? t('error.http', { status: httpStatus }) : undefined)
    ?? (server || t('error.refused'));
  if (error.code === 'INVALID_PARAM') {
    const field = invalidParamField(error.info);
    // Japanese sentences follow each other without a space.
    if (field) message += `${i18n.locale === 'ja' ? '' : ' '}${field.reason ? t('error.fieldReason', field) : t('error.field', field)}`;
  }
  return message;
}
