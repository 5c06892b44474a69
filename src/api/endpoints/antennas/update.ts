import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { packAntenna, updateAntenna } from '../../../core/antennas/antennas.js';
import { antennaFields, AntennaSchema } from '../../../core/antennas/schema.js';

export default defineEndpoint({
  summary: 'Changes the fields given of one of your antennas; it collects again if it had stopped.',
  tags: ['antennas'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchAntenna: { message: 'No such antenna.', code: 'NO_SUCH_ANTENNA', id: '10c673ac-8852-48eb-aa1f-f5b67f069290' },
    noSuchUserList: { message: 'No such user list.', code: 'NO_SUCH_USER_LIST', id: '1c6b35c9-943e-48c2-81e4-2844989407f7' },
    antennaLimitExceeded: { message: 'You have more antennas than your role allows.', code: 'ANTENNA_LIMIT_EXCEEDED', id: '3166a92e-09d9-4c09-afa3-1dbe34a3afcf' },
    emptyKeyword: { message: 'Either keywords or excludeKeywords is required.', code: 'EMPTY_KEYWORD', id: '721aaff6-4e1b-4d88-8de6-877fae9f68c4' },
  },
  params: Type.Composite([
    Type.Object({ antennaId: Type.String({ format: 'misskey:id' }) }),
    Type.Partial(Type.Object(antennaFields)),
  ]),
  res: AntennaSchema,
}, async ({ params, me, ctx, fail }) => {
  const { antennaId, ...change } = params;
  const result = await updateAntenna(ctx, me!.id, antennaId, change);
  if ('error' in result) return fail(result.error);
  return packAntenna(ctx, result.antenna);
});
