import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packUserDetailed } from '../../../core/users/pack.js';
import { packNote } from '../../../core/notes/pack.js';
import { findVisibleNote } from '../../../core/notes/visibility.js';
import { UserDetailedSchema } from '../../../core/users/schema.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'Shows the user or note a URL (or `@user@host`) names, fetching it from its server when this one does not know it yet.',
  tags: ['federation'],
  requireCredential: true,
  kind: 'read:account',
  limit: { duration: 3_600_000, max: 30 },
  errors: {
    federationNotAllowed: { message: 'Federation for this host is not allowed.', code: 'FEDERATION_NOT_ALLOWED', id: '974b799e-1a29-4889-b706-18d4dd93e266' },
    uriInvalid: { message: 'URI is invalid.', code: 'URI_INVALID', id: '1a5eab56-e47b-48c2-8d5e-217b897d70db' },
    requestFailed: { message: 'Request failed.', code: 'REQUEST_FAILED', id: '81b539cf-4f57-4b29-bc98-032c33c0792e' },
    responseInvalid: { message: 'Response from remote server is invalid.', code: 'RESPONSE_INVALID', id: '70193c39-54f3-4813-82f0-70a680f7495b' },
    noSuchObject: { message: 'No such object.', code: 'NO_SUCH_OBJECT', id: 'dc94d745-1262-4e63-a17d-fecaa57efc82' },
  },
  params: Type.Object({ uri: Type.String() }),
  res: Type.Union([
    Type.Object({ type: Type.Literal('User'), object: UserDetailedSchema }),
    Type.Object({ type: Type.Literal('Note'), object: NoteSchema }),
  ]),
}, async ({ params, me, ctx, fail }) => {
  const { resolveUri, ResolveError, SafeFetchError } = await import('../../../federation/resolve.js');
  let resolved;
  try {
    resolved = await resolveUri(ctx, params.uri);
  } catch (error) {
    if (error instanceof SafeFetchError) {
      if (error.reason === 'invalid-url' || error.reason === 'protocol' || error.reason === 'address') return fail('uriInvalid');
      if (error.reason === 'status') return fail('noSuchObject');
      if (error.reason === 'content-type' || error.reason === 'too-large') return fail('responseInvalid');
      return fail('requestFailed');
    }
    if (error instanceof ResolveError) return fail(error.kind === 'invalid' ? 'uriInvalid' : 'noSuchObject');
    if (error instanceof SyntaxError || error instanceof TypeError) return fail('responseInvalid');
    throw error;
  }
  if (resolved.type === 'User') {
    if (resolved.user.isSuspended) return fail('noSuchObject');
    const [object] = await packUserDetailed(ctx, [resolved.user], me);
    return { type: 'User' as const, object };
  }
  // Who may see the note decides, as everywhere (src/core/notes/visibility.ts).
  const visible = await findVisibleNote(ctx, resolved.note.id, me);
  if (!visible) return fail('noSuchObject');
  return { type: 'Note' as const, object: await packNote(ctx, visible, me, { detail: true }) };
});
