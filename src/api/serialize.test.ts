import { expect, it } from 'vitest';
import { serializeOnce, toJson } from './serialize.js';

it('sends the JSON remembered for a marked object, and stringifies anything else', () => {
  const shared = serializeOnce({ a: 1 });
  (shared as { a: number }).a = 2; // a mutation after marking is not seen: marked objects are frozen by contract
  expect(toJson(shared)).toBe('{"a":1}');
  expect(toJson({ b: 2 })).toBe('{"b":2}');
  expect(toJson([1, 'x'])).toBe('[1,"x"]');
  expect(toJson('text')).toBe('"text"');
});
