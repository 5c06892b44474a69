import { Type } from '@sinclair/typebox';

/**
 * Params shared by the `i/registry/*` endpoints, as Misskey declares them; the lengths are the
 * columns' (src/db/schema/registry.ts), so an oversized name is INVALID_PARAM rather than a
 * database error.
 */
export const RegistryScope = Type.Array(Type.String({ pattern: '^[a-zA-Z0-9_]+$', maxLength: 1024 }), { default: [], maxItems: 64 });
/** Only the user's own token may name a domain; an app token always works in its own (core/registry). */
export const RegistryDomain = Type.Optional(Type.Union([Type.String({ maxLength: 512 }), Type.Null()]));
export const RegistryKey = Type.String({ maxLength: 1024 });
export const noSuchKeyMessage = 'No such key.';
