import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { generateMiAuthToken, SessionAlreadyUsedError } from '../../../core/auth/miauth.js';

const NullableString = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

export default defineEndpoint({
  summary: 'Issues an access token for the caller (Settings > API, and the MiAuth consent page). With a session id, the app fetches the token once through POST /api/miauth/{session}/check within 15 minutes.',
  description: 'Only permissions an app can hold are granted: old spellings such as `note-write` are modernised, unknown ones left out. A session id can be used once.',
  tags: ['auth'],
  requireCredential: true,
  secure: true,
  errors: {
    // Misskey lets a session id be reused; Mikan refuses (a session hands out one token, once).
    sessionAlreadyUsed: { message: 'Invalid param: this session has already been used.', code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' },
  },
  params: Type.Object({
    session: Type.Union([Type.String({ minLength: 1, maxLength: 1024 }), Type.Null()]),
    name: NullableString(128),
    description: NullableString(512),
    iconUrl: NullableString(512),
    permission: Type.Array(Type.String(), { uniqueItems: true }),
  }),
  res: Type.Object({ token: Type.String() }),
}, async ({ params, me, ctx, fail }) => {
  try {
    const { token } = await generateMiAuthToken(ctx, me!.id, params);
    return { token };
  } catch (error) {
    if (error instanceof SessionAlreadyUsedError) fail('sessionAlreadyUsed', { param: 'session', reason: error.message });
    throw error;
  }
});
