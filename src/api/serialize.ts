/**
 * Responses that many requests share (the packed `meta`, say) are serialized once: a packer marks
 * such an object with `serializeOnce`, and the dispatcher sends the remembered JSON instead of
 * stringifying it again. The object must not be mutated afterwards; packers build a new one instead.
 */
const serialized = new WeakMap<object, string>();

export function serializeOnce<T extends object>(value: T): T {
  serialized.set(value, JSON.stringify(value));
  return value;
}

export function toJson(value: unknown): string {
  return (typeof value === 'object' && value !== null && serialized.get(value)) || JSON.stringify(value);
}
