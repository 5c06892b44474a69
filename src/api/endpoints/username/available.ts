import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { isUsernameAvailable } from '../../../core/users/read.js';
import { LOCAL_USERNAME_PATTERN } from '../../../core/users/username.js';

export default defineEndpoint({
  summary: 'Whether a username can be signed up with: free, never used before, not reserved.',
  tags: ['users'],
  requireCredential: false,
  params: Type.Object({ username: Type.String({ pattern: LOCAL_USERNAME_PATTERN }) }),
  res: Type.Object({ available: Type.Boolean() }),
}, async ({ params, ctx }) => ({ available: await isUsernameAvailable(ctx, params.username) }));
