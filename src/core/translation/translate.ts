import type { AppContext } from '../../context.js';
import type { MetaRow } from '../../db/schema/index.js';
import { safeFetch, SafeFetchError } from '../../net/safe-fetch.js';

/**
 * notes/translate's translators (Misskey: DeepL only; Mikan adds LibreTranslate, as some forks do).
 * DeepL is used when the admin set `deeplAuthKey`, else a LibreTranslate server when
 * `libreTranslateURL` is set; with neither, translation is unavailable (`translatorAvailable` false).
 */
export function translatorConfigured(row: Pick<MetaRow, 'deeplAuthKey' | 'libreTranslateURL'>): boolean {
  return Boolean(row.deeplAuthKey) || Boolean(row.libreTranslateURL);
}

export interface Translation {
  sourceLang: string;
  text: string;
}

/** The translator did not answer with a translation (down, refused the key, odd answer). */
export class TranslatorError extends Error {}

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 1024 * 1024;

async function post(ctx: AppContext, url: string, body: string, headers: Record<string, string>): Promise<unknown> {
  let response;
  try {
    response = await safeFetch(url, {
      method: 'POST',
      body,
      headers,
      contentTypes: ['application/json'],
      allowPrivateNetwork: ctx.config.allowPrivateNetwork,
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_ANSWER_BYTES,
    });
  } catch (error) {
    if (error instanceof SafeFetchError) throw new TranslatorError(`translator at ${url}: ${error.message}`);
    throw error;
  }
  try {
    return JSON.parse(response.body);
  } catch {
    throw new TranslatorError(`translator at ${url} answered no JSON`);
  }
}

/**
 * Translates `text` into `targetLang` (a BCP 47 tag; only the language part is sent, as Misskey
 * does: `ja-JP` → `ja`). Null when no translator is configured.
 */
export async function translateText(ctx: AppContext, text: string, targetLang: string): Promise<Translation | null> {
  const row = ctx.meta.get();
  const target = targetLang.split('-')[0];
  if (row.deeplAuthKey) {
    const base = ctx.config.deeplApiUrl ?? (row.deeplIsPro ? 'https://api.deepl.com' : 'https://api-free.deepl.com');
    const json = await post(ctx, new URL('/v2/translate', base).href, new URLSearchParams({ text, target_lang: target }).toString(), {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `DeepL-Auth-Key ${row.deeplAuthKey}`,
    }) as { translations?: { detected_source_language?: unknown; text?: unknown }[] };
    const first = json?.translations?.[0];
    if (typeof first?.text !== 'string' || typeof first.detected_source_language !== 'string') throw new TranslatorError('DeepL answered no translation');
    return { sourceLang: first.detected_source_language, text: first.text };
  }
  if (row.libreTranslateURL) {
    const request: Record<string, string> = { q: text, source: 'auto', target, format: 'text' };
    if (row.libreTranslateKey) request.api_key = row.libreTranslateKey;
    const json = await post(ctx, new URL('translate', row.libreTranslateURL.endsWith('/') ? row.libreTranslateURL : `${row.libreTranslateURL}/`).href,
      JSON.stringify(request), { 'Content-Type': 'application/json' }) as { translatedText?: unknown; detectedLanguage?: { language?: unknown } };
    if (typeof json?.translatedText !== 'string') throw new TranslatorError('LibreTranslate answered no translation');
    const detected = json.detectedLanguage?.language;
    return { sourceLang: typeof detected === 'string' ? detected : 'auto', text: json.translatedText };
  }
  return null;
}
