/**
 * `?redirect=` on the sign-in and sign-up pages: only a path on this origin is followed (never
 * `//other.host`, `/\other.host` or `https://…`), so the parameter cannot send anyone elsewhere.
 */
export function safeRedirect(value: unknown): string | null {
  if (Array.isArray(value)) value = value[0];
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  try {
    const url = new URL(value, location.origin);
    if (url.origin !== location.origin) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/** An http(s) URL, or null: app icons and callbacks come from query strings and are never trusted further. */
export function httpUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** `url` with one query parameter set, the others kept. */
export function withQueryParameter(url: URL, name: string, value: string): string {
  const copy = new URL(url.href);
  copy.searchParams.set(name, value);
  return copy.href;
}

/** The first value of a query parameter as vue-router gives it. */
export function queryString(value: unknown): string | null {
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' ? value : null;
}
