import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findOwnAntenna, packAntenna } from '../../../core/antennas/antennas.js';
import { AntennaSchema } from '../../../core/antennas/schema.js';

export default defineEndpoint({
  summary: 'One of your antennas.',
  tags: ['antennas', 'account'],
  requireCredential: true,
  kind: 'read:account',
  errors: {
    noSuchAntenna: { message: 'No such antenna.', code: 'NO_SUCH_ANTENNA', id: 'c06569fb-b025-4f23-b22d-1fcd20d2816b' },
  },
  params: Type.Object({ antennaId: Type.String({ format: 'misskey:id' }) }),
  res: AntennaSchema,
}, async ({ params, me, ctx, fail }) => {
  const antenna = await findOwnAntenna(ctx, me!.id, params.antennaId) ?? fail('noSuchAntenna');
  return packAntenna(ctx, antenna);
});
