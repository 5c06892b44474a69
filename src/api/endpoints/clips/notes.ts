import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { findReadableClip } from '../../../core/clips/clips.js';
import { listClipNotes } from '../../../core/clips/clip-notes.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'The notes of a public clip or of one of yours that you may read (blocks and mutes apply), newest first.',
  tags: ['clips', 'notes'],
  requireCredential: false,
  kind: 'read:account',
  errors: {
    noSuchClip: { message: 'No such clip.', code: 'NO_SUCH_CLIP', id: '1d7645e6-2b6d-4635-b0fe-fe22b0e72e00' },
  },
  params: Type.Object({
    clipId: Type.String({ format: 'misskey:id' }),
    ...pageParams(10),
    search: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const clip = await findReadableClip(ctx, params.clipId, me?.id ?? null) ?? fail('noSuchClip');
  const rows = await listClipNotes(ctx, clip, me, { ...params, limit: params.limit ?? 10 }, params.search);
  return packNotes(ctx, rows, me);
});
