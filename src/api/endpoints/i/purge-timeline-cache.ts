import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findOwnAntenna } from '../../../core/antennas/antennas.js';
import { findOwnList } from '../../../core/lists/lists.js';

export default defineEndpoint({
  summary: 'Checks the timeline named (the fork purges its cached copy); Mikan caches no timelines, so there is nothing to purge.',
  description: 'Mikan reads every timeline from the database on each request (docs/decisions.md): a known timeline answers 204 at once. A list or an antenna must be yours, as in the fork.',
  tags: ['account'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchList: { message: 'No such list.', code: 'NO_SUCH_LIST', id: '6a40c9e2-5dbd-42f5-91e3-85d5c4da8f3e' },
    noSuchAntenna: { message: 'No such antenna.', code: 'NO_SUCH_ANTENNA', id: 'dc0b9d49-f11a-4680-8ad8-22f032cc91f8' },
    missingTarget: { message: 'The target id is required.', code: 'TARGET_ID_REQUIRED', id: 'ed670b97-8c0e-42c6-84db-5f5d9fb2a6d6' },
  },
  params: Type.Object({
    type: Type.Union([Type.Literal('home'), Type.Literal('user'), Type.Literal('list'), Type.Literal('antenna')]),
    listId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
    antennaId: Type.Optional(Type.Union([Type.String({ format: 'misskey:id' }), Type.Null()])),
  }),
}, async ({ params, me, ctx, fail }) => {
  if (params.type === 'list') {
    const listId = params.listId || fail('missingTarget');
    if (!await findOwnList(ctx, listId, me!.id)) fail('noSuchList');
  } else if (params.type === 'antenna') {
    const antennaId = params.antennaId || fail('missingTarget');
    if (!await findOwnAntenna(ctx, me!.id, antennaId)) fail('noSuchAntenna');
  }
});
