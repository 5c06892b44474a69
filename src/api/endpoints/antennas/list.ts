import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { listOwnAntennas, packAntenna } from '../../../core/antennas/antennas.js';
import { AntennaSchema } from '../../../core/antennas/schema.js';

export default defineEndpoint({
  summary: 'Your antennas, oldest first.',
  tags: ['antennas', 'account'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({}),
  res: Type.Array(AntennaSchema),
}, async ({ me, ctx }) => {
  return (await listOwnAntennas(ctx, me!.id)).map((antenna) => packAntenna(ctx, antenna));
});
