import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { deleteFlash } from '../../../core/flashes/flashes.js';

export default defineEndpoint({
  summary: 'Deletes one of your Plays.',
  tags: ['flash'],
  requireCredential: true,
  kind: 'write:flash',
  errors: {
    noSuchFlash: { message: 'No such flash.', code: 'NO_SUCH_FLASH', id: 'de1623ef-bbb3-4289-a71e-14cfa83d9740' },
    accessDenied: { message: 'Access denied.', code: 'ACCESS_DENIED', id: '1036ad7b-9f92-4fff-89c3-0e50dc941704' },
  },
  params: Type.Object({ flashId: Type.String({ format: 'misskey:id' }) }),
}, async ({ params, me, ctx, fail }) => {
  const result = await deleteFlash(ctx, me!.id, params.flashId);
  if (result !== 'ok') fail(result);
});
