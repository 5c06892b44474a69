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

  it('fills declared defaults and drops undeclared keys', () => {
    const params: Record<string, unknown> = { i: 'token', extra: { deep: 1 } };
    assertValid(validate, params);
    expect(params).toEqual({ detail: true });
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

describe('values no endpoint can store', () => {
  const validate = compileParams(Type.Object({
    text: Type.Optional(Type.String()),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    data: Type.Optional(Type.Unknown()),
  }));
  const refused = (params: unknown) => {
    try {
      assertValid(validate, params);
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      return (error as ApiError).toBody().error;
    }
    return null;
  };

  it.each([
    ['NUL in a string', { text: 'a\u0000b' }, '/text'],
    ['a lone high surrogate', { text: 'a\uD800' }, '/text'],
    ['a lone low surrogate', { text: '\uDC00b' }, '/text'],
    ['a huge integer', { offset: 1e308 }, '/offset'],
    ['an integer past 2^53', { offset: 2 ** 53 + 2 }, '/offset'],
    ['Infinity (JSON 1e400)', { offset: JSON.parse('1e400') }, '/offset'],
    ['NUL deep in a free-form value', { data: { a: [{ b: 'x\u0000' }] } }, '/data/a/0/b'],
    ['NUL in a key', { data: { 'k\u0000': 1 } }, '/data/k'],
    ['absurd nesting', { data: JSON.parse('['.repeat(100) + ']'.repeat(100)) }, '/data'],
  ])('refuses %s as INVALID_PARAM', (_name, params, path) => {
    const error = refused(params);
    expect(error).toMatchObject({ code: 'INVALID_PARAM', id: '3d81ceae-475f-4600-b2a8-2bc116157532' });
    expect((error!.info as { param: string }).param.startsWith(path)).toBe(true);
  });

  it('accepts well-formed text (emoji pairs), 2^53 - 1 and ordinary nesting', () => {
    expect(refused({ text: 'mikan 🍊 \u00e9', offset: Number.MAX_SAFE_INTEGER, data: { a: [[1, 2], { b: 'c' }] } })).toBeNull();
  });
});

describe('union params', () => {
  const validate = compileParams(Type.Union([
    Type.Object({ userId: Type.String() }),
    Type.Object({ userIds: Type.Array(Type.String()) }),
    Type.Object({ username: Type.String() }),
  ]));

  it('keep only the fields of the variant that matched', () => {
    const params: Record<string, unknown> = { username: 'alice', userIds: 'x' };
    assertValid(validate, params);
    expect(params).toEqual({ username: 'alice' });
    const both: Record<string, unknown> = { userId: 'a', userIds: ['b'] };
    assertValid(validate, both);
    expect(both).toEqual({ userId: 'a' });
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
