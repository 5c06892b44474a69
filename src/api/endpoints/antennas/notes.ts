import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { pageParams } from '../../paging.js';
import { findOwnAntenna, markAntennaUsed } from '../../../core/antennas/antennas.js';
import { antennaTimeline } from '../../../core/antennas/timeline.js';
import { packNotes } from '../../../core/notes/pack.js';
import { NoteSchema } from '../../../core/notes/schema.js';

export default defineEndpoint({
  summary: 'The notes one of your antennas collected, newest first; opening it keeps (or makes) it active.',
  tags: ['antennas', 'account', 'notes'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchAntenna: { message: 'No such antenna.', code: 'NO_SUCH_ANTENNA', id: '850926e0-fd3b-49b6-b69a-b28a5dbd82fe' },
  },
  params: Type.Object({ antennaId: Type.String({ format: 'misskey:id' }), ...pageParams(10) }),
  res: Type.Array(NoteSchema),
}, async ({ params, me, ctx, fail }) => {
  const antenna = await findOwnAntenna(ctx, me!.id, params.antennaId) ?? fail('noSuchAntenna');
  await markAntennaUsed(ctx, antenna);
  const rows = await antennaTimeline(ctx, me!, antenna.id, { ...params, limit: params.limit ?? 10 });
  return packNotes(ctx, rows, me);
});
