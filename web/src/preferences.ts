import { watch } from 'vue';
import { isKnownLocale, setLocale, type Locale } from './i18n';
import { client, session } from './session';
import { isTheme, setTheme, type Theme } from './theme';

/**
 * Theme and language follow the account: kept in this browser (localStorage) and, when signed in,
 * in the user's registry under scope ['client', 'mikan'] (Misskey's `i/registry/*`), so another
 * browser picks them up at sign-in. The registry wins over this browser's choice at sign-in.
 */
const SCOPE = ['client', 'mikan'];

async function save(key: 'theme' | 'locale', value: string): Promise<void> {
  if (!session.token) return;
  try {
    await client().request('i/registry/set', { scope: SCOPE, key, value });
  } catch { /* kept in this browser anyway; the next change tries again */ }
}

export function chooseTheme(value: Theme): void {
  setTheme(value);
  void save('theme', value);
}

export function chooseLocale(value: Locale): void {
  setLocale(value);
  void save('locale', value);
}

/** Once per signed-in account: what the registry holds replaces this browser's choice. */
export function followAccountPreferences(): void {
  watch(() => session.me?.id, async (id) => {
    if (!id) return;
    try {
      const stored = await client().request('i/registry/get-all', { scope: SCOPE }) as Record<string, unknown>;
      if (session.me?.id !== id) return;
      if (isTheme(stored.theme)) setTheme(stored.theme);
      if (isKnownLocale(stored.locale)) setLocale(stored.locale);
    } catch { /* this browser's choice stays */ }
  }, { immediate: true });
}
