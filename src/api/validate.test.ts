import { describe, expect, it } from 'vitest';
import { Type } from '@sinclair/typebox';
import { ApiError } from './errors.js';
import { assertValid, castQueryParams, compileParams } from './validate.js';

describe('params validation', () => {
  const schema = Type.Object({
    detail: Type.Boolean({ default: true }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    noteId: Type.Optional(Type.String({ format: 'misskey:id' })),
  });
  const validate = compileParams(schema);

  it('fills declared defaults and accepts extra keys such as `i`', () => {
    const params: Record<string, unknown> = { i: 'token' };
    assertValid(validate, params);
    expect(params.detail).toBe(true);
  });

  it('reports the first failure as INVALID_PARAM with param and reason', () => {
    try {
      assertValid(validate, { limit: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      const body = (error as ApiError).toBody();
      expect(body.error.code).toBe('INVALID_PARAM');
      expect(body.error.id).toBe('3d81ceae-475f-4600-b2a8-2bc116157532');
      expect(body.error.info).toMatchObject({ param: '#/properties/limit/minimum' });
    }
    expect(() => assertValid(validate, { noteId: 'not an id!' })).toThrow(ApiError);
  });
});

describe('GET query casting', () => {
  const schema = Type.Object({
    detail: Type.Optional(Type.Boolean()),
    limit: Type.Optional(Type.Integer()),
    name: Type.Optional(Type.String()),
    ids: Type.Optional(Type.Array(Type.String())),
    maybe: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  });

  it('casts strings to the declared types', () => {
    expect(castQueryParams(schema, { detail: 'false', limit: '5', name: '12', ids: '["a","b"]', maybe: 'null' }))
      .toEqual({ detail: false, limit: 5, name: '12', ids: ['a', 'b'], maybe: null });
  });

  it('refuses values that cannot be cast, with the cast error id', () => {
    for (const query of [{ detail: 'yes' }, { limit: 'ten' }, { limit: '' }, { ids: '[oops' }]) {
      try {
        castQueryParams(schema, query);
        expect.unreachable();
      } catch (error) {
        expect((error as ApiError).id).toBe('0b5f1631-7c1a-41a6-b399-cce335f34d85');
      }
    }
  });
});
