import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { createAntenna, packAntenna } from '../../../core/antennas/antennas.js';
import { antennaFields, AntennaSchema } from '../../../core/antennas/schema.js';

export default defineEndpoint({
  summary: 'Creates an antenna: a saved filter that collects new notes, within your `antennaLimit`.',
  tags: ['antennas'],
  requireCredential: true,
  prohibitMoved: true,
  kind: 'write:account',
  errors: {
    noSuchUserList: { message: 'No such user list.', code: 'NO_SUCH_USER_LIST', id: '95063e93-a283-4b8b-9aa5-bcdb8df69a7f' },
    tooManyAntennas: { message: 'You cannot create antenna any more.', code: 'TOO_MANY_ANTENNAS', id: 'faf47050-e8b5-438c-913c-db2b1576fde4' },
    emptyKeyword: { message: 'Either keywords or excludeKeywords is required.', code: 'EMPTY_KEYWORD', id: '53ee222e-1ddd-4f9a-92e5-9fb82ddb463a' },
  },
  params: Type.Object(antennaFields),
  res: AntennaSchema,
}, async ({ params, me, ctx, fail }) => {
  const result = await createAntenna(ctx, me!.id, params);
  if ('error' in result) return fail(result.error);
  return packAntenna(ctx, result.antenna);
});
