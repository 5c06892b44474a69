import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { findHashtag } from '../../../core/hashtags/read.js';
import { HashtagSchema } from '../../../core/hashtags/schema.js';

export default defineEndpoint({
  summary: 'One hashtag with the numbers of users who used it.',
  tags: ['hashtags'],
  requireCredential: false,
  errors: {
    noSuchHashtag: { message: 'No such hashtag.', code: 'NO_SUCH_HASHTAG', id: '110ee688-193e-4a3a-9ecf-c167b2e6981e' },
  },
  params: Type.Object({ tag: Type.String() }),
  res: HashtagSchema,
}, async ({ params, ctx, fail }) => await findHashtag(ctx, params.tag) ?? fail('noSuchHashtag'));
