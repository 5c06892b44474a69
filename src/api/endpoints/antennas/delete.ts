import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deleteAntenna } from '../../../core/antennas/antennas.js';

export default defineEndpoint({
  summary: 'Deletes one of your antennas and what it collected.',
  tags: ['antennas'],
  requireCredential: true,
  kind: 'write:account',
  errors: {
    noSuchAntenna: { message: 'No such antenna.', code: 'NO_SUCH_ANTENNA', id: 'b34dcf9d-348f-44bb-99d0-6c9314cfe2df' },
  },
  params: Type.Object({ antennaId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  if (!await deleteAntenna(ctx, me!.id, params.antennaId)) fail('noSuchAntenna');
});
