import { RE2JS } from 're2js';

/**
 * Misskey's keyword lists (instance `sensitiveWords`, `prohibitedWords`): each entry is `/pattern/flags`
 * (a regular expression), or words separated by spaces that must all occur in the text (case-sensitive,
 * as Misskey's `isKeyWordIncluded`). Expressions run on RE2 semantics (re2js, linear time), as Misskey
 * runs them on RE2, so an administrator's pattern cannot stall note posting.
 */

const REGEXP_ENTRY = /^\/(.+)\/(.*)$/;

type Matcher = (text: string) => boolean;

/** RE2JS flags from JavaScript flag letters; `g`, `u` and `y` change nothing for a yes/no test. */
function re2Flags(flags: string): number {
  let result = 0;
  for (const flag of flags) {
    if (flag === 'i') result |= RE2JS.CASE_INSENSITIVE;
    else if (flag === 'm') result |= RE2JS.MULTILINE;
    else if (flag === 's') result |= RE2JS.DOTALL;
    else if (!'guy'.includes(flag)) throw new Error(`unknown flag "${flag}"`);
  }
  return result;
}

function compileEntry(entry: string): Matcher {
  const regexp = REGEXP_ENTRY.exec(entry);
  if (regexp) {
    const pattern = RE2JS.compile(regexp[1]!, re2Flags(regexp[2]!));
    return (text) => pattern.matcher(text).find();
  }
  const words = entry.split(' ').filter(Boolean);
  return (text) => words.length > 0 && words.every((word) => text.includes(word));
}

/** Why an entry cannot be used (an expression RE2 refuses), or null when it is fine. */
export function keywordEntryError(entry: string): string | null {
  try {
    compileEntry(entry);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const compiledLists = new WeakMap<readonly string[], Matcher[]>();

/** Compiled once per list (the settings row, and so its arrays, are replaced on every change). */
function matchersOf(keywords: readonly string[]): Matcher[] {
  let matchers = compiledLists.get(keywords);
  if (!matchers) {
    // An entry that does not compile never matches (admin/update-meta refuses such entries anyway).
    matchers = keywords.map((entry) => {
      try {
        return compileEntry(entry);
      } catch {
        return () => false;
      }
    });
    compiledLists.set(keywords, matchers);
  }
  return matchers;
}

export function isKeywordIncluded(text: string, keywords: readonly string[]): boolean {
  if (keywords.length === 0 || text === '') return false;
  return matchersOf(keywords).some((matches) => matches(text));
}
