import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { getRelations } from '../../../core/users/relations.js';
import { UserRelationSchema } from '../../../core/following/schema.js';

const Id = Type.String({ format: 'misskey:id' });

export default defineEndpoint({
  summary: 'How you relate to one user, or to several (an array answers an array, in the same order).',
  tags: ['users'],
  requireCredential: true,
  kind: 'read:account',
  params: Type.Object({ userId: Type.Union([Id, Type.Array(Id)]) }),
  res: Type.Union([UserRelationSchema, Type.Array(UserRelationSchema)]),
}, async ({ params, me, ctx }) => {
  const ids = Array.isArray(params.userId) ? params.userId : [params.userId];
  const relations = await getRelations(ctx, me!.id, ids);
  const shaped = ids.map((id) => {
    const { notify: _notify, withReplies: _withReplies, memo: _memo, ...relation } = relations.get(id)!;
    return relation;
  });
  return Array.isArray(params.userId) ? shaped : shaped[0]!;
});
