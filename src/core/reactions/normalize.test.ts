import { describe, expect, it } from 'vitest';
import { customEmojiName, decodeReaction, normalizeUnicodeReaction, toPackedReactionCounts, toStoredReaction } from './normalize.js';

describe('normalizeUnicodeReaction', () => {
  it('keeps a plain emoji', () => expect(normalizeUnicodeReaction('👍')).toBe('👍'));
  it('removes the variation selector', () => expect(normalizeUnicodeReaction('❤️')).toBe('❤'));
  it('keeps skin tones', () => expect(normalizeUnicodeReaction('👍🏽')).toBe('👍🏽'));
  it('keeps ZWJ sequences whole, selectors included', () => {
    expect(normalizeUnicodeReaction('👨‍👩‍👧')).toBe('👨‍👩‍👧');
    expect(normalizeUnicodeReaction('🏳️‍🌈')).toBe('🏳️‍🌈');
  });
  it('keeps flags', () => expect(normalizeUnicodeReaction('🇯🇵')).toBe('🇯🇵'));
  it('takes the first emoji of a longer string', () => expect(normalizeUnicodeReaction('abc🎉x👍')).toBe('🎉'));
  it('maps legacy names', () => {
    expect(normalizeUnicodeReaction('like')).toBe('👍');
    expect(normalizeUnicodeReaction('pudding')).toBe('🍮');
  });
  it('falls back to ❤ for anything else', () => {
    expect(normalizeUnicodeReaction('hello')).toBe('\u2764');
    expect(normalizeUnicodeReaction('1')).toBe('\u2764');
    expect(normalizeUnicodeReaction('')).toBe('\u2764');
    expect(normalizeUnicodeReaction(null)).toBe('\u2764');
    expect(normalizeUnicodeReaction('constructor')).toBe('\u2764');
  });
});

describe('custom emoji reactions', () => {
  it('recognises :name: and :name@.:', () => {
    expect(customEmojiName(':blob_cat:')).toBe('blob_cat');
    expect(customEmojiName(':blob-cat+1@.:')).toBe('blob-cat+1');
    expect(customEmojiName(':x@remote.example:')).toBeNull();
    expect(customEmojiName('blob')).toBeNull();
  });
  it('decodes and converts between stored and packed forms', () => {
    expect(decodeReaction(':blob:')).toEqual({ reaction: ':blob@.:', name: 'blob', host: null });
    expect(decodeReaction(':blob@a.example:')).toEqual({ reaction: ':blob@a.example:', name: 'blob', host: 'a.example' });
    expect(decodeReaction('👍')).toEqual({ reaction: '👍' });
    expect(toStoredReaction(':blob@.:')).toBe(':blob:');
    expect(toStoredReaction('👍')).toBe('👍');
    expect(toPackedReactionCounts({ ':blob:': 2, '👍': 1, '😆': 0 })).toEqual({ ':blob@.:': 2, '👍': 1 });
  });
});
