import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { ServerInfoSchema } from '../../core/server-info/schema.js';
import { getServerInfo } from '../../core/server-info/server-info.js';

// Not in the spec's fork; meta as in upstream Misskey (public, GET, cached 60 s).
export default defineEndpoint({
  summary: 'The machine the server runs on; placeholders unless the admin enabled machine stats.',
  tags: ['meta'],
  requireCredential: false,
  allowGet: true,
  cacheSec: 60,
  params: Type.Object({}),
  res: ServerInfoSchema,
}, async ({ ctx }) => getServerInfo(ctx));
