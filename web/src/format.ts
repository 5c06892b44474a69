/** Dates in English, in the reader's time zone. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return 'Never';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

/** A random UUID, also on plain http (where crypto.randomUUID does not exist). */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** An image that fails to load (an app's icon gone, an avatar not there yet) is hidden, not shown broken. */
export function hideBrokenImage(event: Event): void {
  (event.target as HTMLElement).hidden = true;
}

/**
 * A time as the browser's local wall clock, `YYYY-MM-DDTHH:MM:SS`, for `<input type="datetime-local">`
 * (slice 0–16 for minutes, 0–10 for a `date` input). Not `toISOString()`, which is UTC.
 */
export function localInputValue(ms: number): string {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
}
