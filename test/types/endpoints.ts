/**
 * Compile-time contract for `stats`, `server-info`, `emojis`, `emoji`, `endpoints` and `endpoint`:
 * each response schema's static type must fit misskey-js's type both ways.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Endpoints, entities } from 'misskey-js';
import { assertType, type MutuallyAssignable } from './assert.js';
import { EmojiDetailedSchema, EmojiSimpleSchema } from '../../src/core/emojis/schema.js';
import { StatsSchema } from '../../src/core/stats/schema.js';
import { ServerInfoSchema } from '../../src/core/server-info/schema.js';
import stats from '../../src/api/endpoints/stats.js';
import serverInfo from '../../src/api/endpoints/server-info.js';
import emojis from '../../src/api/endpoints/emojis.js';
import emoji from '../../src/api/endpoints/emoji.js';
import endpoints from '../../src/api/endpoints/endpoints.js';
import endpoint from '../../src/api/endpoints/endpoint.js';

/** What an endpoint's handler must return: the static type of its declared `res` schema. */
type ResOf<E extends { handler: (...args: never[]) => Promise<unknown> }> = Awaited<ReturnType<E['handler']>>;

assertType<MutuallyAssignable<Static<typeof EmojiSimpleSchema>, entities.EmojiSimple>>();
assertType<MutuallyAssignable<Static<typeof EmojiDetailedSchema>, entities.EmojiDetailed>>();
assertType<MutuallyAssignable<Static<typeof StatsSchema>, Endpoints['stats']['res']>>();
assertType<MutuallyAssignable<Static<typeof ServerInfoSchema>, Endpoints['server-info']['res']>>();

assertType<MutuallyAssignable<ResOf<typeof stats>, Endpoints['stats']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof serverInfo>, Endpoints['server-info']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof emojis>, Endpoints['emojis']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof emoji>, Endpoints['emoji']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof endpoints>, Endpoints['endpoints']['res']>>();
assertType<MutuallyAssignable<ResOf<typeof endpoint>, Endpoints['endpoint']['res']>>();

// The check bites: an EmojiSimple whose `category` lost its null no longer fits misskey-js.
const DriftedEmojiSimple = Type.Object({
  aliases: Type.Array(Type.String()),
  name: Type.String(),
  category: Type.String(),
  url: Type.String(),
  localOnly: Type.Optional(Type.Boolean()),
  isSensitive: Type.Optional(Type.Boolean()),
  roleIdsThatCanBeUsedThisEmojiAsReaction: Type.Optional(Type.Array(Type.String())),
});
// @ts-expect-error category must be string | null
assertType<MutuallyAssignable<Static<typeof DriftedEmojiSimple>, entities.EmojiSimple>>();
