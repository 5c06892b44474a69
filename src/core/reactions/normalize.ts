/**
 * Reaction strings as Misskey stores and shows them (its ReactionService), pure functions.
 *
 * Stored forms: a Unicode emoji (variation selectors U+FE0F removed unless the emoji is a ZWJ
 * sequence; skin tones and flags kept, as the twemoji regex Misskey uses keeps them), or a local
 * custom emoji `:name:`. What clients see for a local custom emoji is `:name@.:` (Misskey's
 * `decodeReaction` / `convertLegacyReaction`).
 */

/** Misskey's default reaction: a heart without variation selector. */
export const FALLBACK_REACTION = '\u2764';

/** Old string reactions Misskey still accepts, mapped to their emoji. */
export const LEGACY_REACTIONS: Readonly<Record<string, string>> = {
  like: '👍',
  love: '\u2764',
  laugh: '😆',
  hmm: '🤔',
  surprise: '😮',
  congrats: '🎉',
  angry: '💢',
  confused: '😥',
  rip: '😇',
  pudding: '🍮',
  star: '⭐',
};

/**
 * One emoji anywhere in the string, as Misskey's unanchored twemoji regex finds it: an RGI emoji
 * (ZWJ sequences, skin tones, flags, keycaps) or a single pictograph with an optional FE0F.
 */
// Built at run time: the `v` flag is newer than the TypeScript target (Node 20 supports it).
const EMOJI = new RegExp('\\p{RGI_Emoji}|\\p{Extended_Pictographic}\\uFE0F?', 'v');

/** `:name:` or `:name@.:` (a local custom emoji as clients send it). */
const CUSTOM_EMOJI = /^:([\w+-]+)(?:@\.)?:$/;

/** `:name:` or `:name@host:` as stored; `host` null means this server. */
const DECODE_CUSTOM_EMOJI = /^:([\w+-]+)(?:@([\w.-]+))?:$/;

/** The custom emoji name a reaction asks for (`:name:` / `:name@.:`), or null for anything else. */
export function customEmojiName(reaction: string): string | null {
  return CUSTOM_EMOJI.exec(reaction)?.[1] ?? null;
}

/** A non-custom reaction as Misskey normalises it: legacy names, the first emoji found, else ❤. */
export function normalizeUnicodeReaction(reaction: string | null | undefined): string {
  if (reaction == null) return FALLBACK_REACTION;
  if (Object.hasOwn(LEGACY_REACTIONS, reaction)) return LEGACY_REACTIONS[reaction]!;
  const match = EMOJI.exec(reaction);
  if (!match) return FALLBACK_REACTION;
  const emoji = match[0];
  return emoji.includes('\u200d') ? emoji : emoji.replace(/\uFE0F/g, '');
}

export interface DecodedReaction {
  /** As clients see it: `:name@.:` for a local custom emoji, else the stored string. */
  reaction: string;
  /** Custom emoji name, undefined for Unicode reactions. */
  name?: string;
  host?: string | null;
}

export function decodeReaction(stored: string): DecodedReaction {
  const custom = DECODE_CUSTOM_EMOJI.exec(stored);
  if (custom) {
    const name = custom[1]!;
    const host = custom[2] ?? null;
    return { reaction: `:${name}@${host ?? '.'}:`, name, host };
  }
  return { reaction: stored };
}

/** A stored reaction as packed entities show it (Misskey's `convertLegacyReaction`). */
export function toPackedReaction(stored: string): string {
  return decodeReaction(stored).reaction;
}

/** What a `type` filter names, in stored form (`:name@.:` → `:name:`). */
export function toStoredReaction(type: string): string {
  return type.endsWith('@.:') ? `${type.slice(0, -3)}:` : type;
}

/** A note's stored counts as packed notes show them: keys via `toPackedReaction`, zero counts dropped. */
export function toPackedReactionCounts(counts: Readonly<Record<string, number>>): Record<string, number> {
  const packed: Record<string, number> = {};
  for (const [reaction, count] of Object.entries(counts)) {
    if (count <= 0) continue;
    const key = toPackedReaction(reaction);
    packed[key] = (packed[key] ?? 0) + count;
  }
  return packed;
}
