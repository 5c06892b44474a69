import { Type } from '@sinclair/typebox';

/** Misskey's paging parameters for list endpoints, with that endpoint's default limit. */
export function pageParams(defaultLimit: number) {
  return {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: defaultLimit })),
    sinceId: Type.Optional(Type.String({ format: 'misskey:id' })),
    untilId: Type.Optional(Type.String({ format: 'misskey:id' })),
    sinceDate: Type.Optional(Type.Integer()),
    untilDate: Type.Optional(Type.Integer()),
  };
}
