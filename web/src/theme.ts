import { reactive } from 'vue';

/** Light, dark, or whatever the system prefers (style.css: `:root[data-theme]` over the media query). */
export type Theme = 'system' | 'light' | 'dark';
export const THEMES: Theme[] = ['system', 'light', 'dark'];
const STORAGE_KEY = 'mikan:theme';

export function isTheme(value: unknown): value is Theme {
  return value === 'system' || value === 'light' || value === 'dark';
}

function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isTheme(value) ? value : 'system';
  } catch {
    return 'system';
  }
}

export const theme = reactive({ current: storedTheme() });

function apply(value: Theme): void {
  if (value === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = value;
}
apply(theme.current);

/** Sets the theme for this browser; preferences.ts also keeps it in the registry. */
export function setTheme(value: Theme, options: { store?: boolean } = {}): void {
  theme.current = value;
  apply(value);
  if (options.store !== false) {
    try { localStorage.setItem(STORAGE_KEY, value); } catch { /* private mode: this page only */ }
  }
}
