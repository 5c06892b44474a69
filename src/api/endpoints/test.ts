import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../define.js';

const Params = Type.Object({
  required: Type.Boolean(),
  string: Type.Optional(Type.String()),
  default: Type.Optional(Type.String({ default: 'hello' })),
  // The default fills only an absent field: an explicit null stays null.
  nullableDefault: Type.Optional(Type.Union([Type.String(), Type.Null()], { default: 'hello' })),
  id: Type.Optional(Type.String({ format: 'misskey:id' })),
});

export default defineEndpoint({
  summary: 'Endpoint for testing input validation.',
  description: 'Echoes the validated params (defaults filled in), so SDKs can check how they handle validation.',
  tags: ['non-productive'],
  requireCredential: false,
  params: Params,
  res: Type.Object({
    id: Type.Optional(Type.String({ format: 'misskey:id' })),
    required: Type.Boolean(),
    string: Type.Optional(Type.String()),
    default: Type.Optional(Type.String()),
    nullableDefault: Type.Union([Type.String(), Type.Null()]),
  }),
}, async ({ params }) => ({
  required: params.required,
  ...(params.string === undefined ? {} : { string: params.string }),
  ...(params.default === undefined ? {} : { default: params.default }),
  nullableDefault: params.nullableDefault ?? null,
  ...(params.id === undefined ? {} : { id: params.id }),
}));
