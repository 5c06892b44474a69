import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';
import { loadEndpoints } from '../registry.js';

export default defineEndpoint({
  summary: 'The names of every API endpoint this server has.',
  tags: ['meta'],
  requireCredential: false,
  params: Type.Object({}),
  res: Type.Array(Type.String()),
}, async () => (await loadEndpoints()).map((endpoint) => endpoint.name));
