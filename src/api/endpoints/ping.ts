import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';

export default defineEndpoint({
  summary: 'Answers with the server time; for clients to check reachability and clock skew.',
  tags: ['meta'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Object({ pong: Type.Number() }),
}, async () => ({ pong: Date.now() }));
