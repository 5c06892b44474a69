/**
 * Schema-driven bad input for every endpoint of `/api.json`: from an endpoint's request schema, a
 * plausible body, then that body with one property (or the whole body) replaced by something hostile:
 * wrong types, boundaries, NUL and odd Unicode, huge numbers, deep nesting, extra fields. Seeded, so a
 * failure replays. Used by the CI fuzz test (test/hardening/fuzz.test.ts) and the long run
 * (bench/fuzz.ts).
 */
type Schema = Record<string, any>;

/** mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTILE: unknown[] = [
  null, true, false, 0, -1, 1, 0.5, -0.5, 1e308, -1e308, 2 ** 53, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER,
  '', ' ', 'x', 'a\u0000b', '\u0000', '\ud800', '\udc00x', '🍊'.repeat(50), '\u202e\u0301\ufeff', 'x'.repeat(10_000),
  '1e308', 'null', 'true', '-1', '../../etc/passwd', '<script>', "' OR 1=1 --", '%00', '0'.repeat(16), 'zzzzzzzzzzzzzzzz',
  [], [null], ['x'], [1, 2, 3], Array.from({ length: 200 }, (_, i) => String(i)), { a: 1 }, {}, { __proto__: { polluted: 1 } },
  JSON.parse('['.repeat(40) + ']'.repeat(40)), { '\u0000': 1 },
];

function resolveRef(root: Schema, schema: Schema): Schema {
  if (schema?.$ref && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/')) {
    return schema.$ref.slice(2).split('/').reduce((node: any, key: string) => node?.[key], root) ?? {};
  }
  return schema ?? {};
}

/** A value that plausibly fits the schema (the base the mutations start from). */
export function plausible(root: Schema, raw: Schema, random: () => number, depth = 0): unknown {
  const schema = resolveRef(root, raw);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) return plausible(root, variants[Math.floor(random() * variants.length)], random, depth + 1);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[Math.floor(random() * schema.enum.length)];
  if (schema.default !== undefined && random() < 0.5) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'misskey:id') return random() < 0.5 ? 'a'.repeat(16) : '0123456789abcdef';
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.invalid/x';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.maximum !== undefined ? Math.min(0, schema.maximum) : 1);
    case 'boolean': return random() < 0.5;
    case 'null': return null;
    case 'array':
      return depth > 4 ? [] : Array.from({ length: schema.minItems ?? 0 }, (_, i) => {
        const item = plausible(root, schema.items ?? {}, random, depth + 1);
        return typeof item === 'string' ? `${item}${i}` : item;
      });
    case 'object':
    default: {
      if (depth > 4) return {};
      const result: Record<string, unknown> = {};
      for (const [key, property] of Object.entries<Schema>(schema.properties ?? {})) {
        if ((schema.required ?? []).includes(key) || random() < 0.3) result[key] = plausible(root, property, random, depth + 1);
      }
      return result;
    }
  }
}

/** One hostile body for an endpoint whose request schema is `schema`. */
export function hostileBody(root: Schema, schema: Schema, random: () => number): unknown {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const roll = random();
  if (roll < 0.05) return pick([[], null, 'x', 1, [{}]]);
  const base = plausible(root, schema, random);
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return base;
  const body = base as Record<string, unknown>;
  const resolved = resolveRef(root, schema);
  const keys = [...new Set([
    ...Object.keys(resolved.properties ?? {}),
    ...(resolved.anyOf ?? resolved.oneOf ?? []).flatMap((variant: Schema) => Object.keys(resolveRef(root, variant).properties ?? {})),
  ])];
  if (roll < 0.15 || keys.length === 0) {
    body[pick(['extra', '__proto__', 'constructor', 'i', 'x\u0000'])] = pick(HOSTILE);
    return body;
  }
  const mutations = 1 + Math.floor(random() * 2);
  for (let i = 0; i < mutations; i++) body[pick(keys)] = pick(HOSTILE);
  return body;
}

/** The POST endpoints of an OpenAPI document with their JSON request schemas. */
export function endpointsOf(document: Schema): Array<{ name: string; schema: Schema; multipart: boolean }> {
  return Object.entries<Schema>(document.paths ?? {}).flatMap(([path, item]) => {
    const content = item.post?.requestBody?.content ?? {};
    const json = content['application/json']?.schema;
    const multipart = content['multipart/form-data']?.schema;
    const schema = json ?? multipart;
    return schema && item.post ? [{ name: path.replace(/^\//, ''), schema, multipart: !json }] : [];
  });
}

/** An error body in Misskey's format. */
export function isMisskeyError(body: unknown): boolean {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  return Boolean(error && typeof error.code === 'string' && typeof error.id === 'string' && typeof error.message === 'string' && typeof error.kind === 'string');
}

/**
 * A hostile multipart/form-data body for an upload endpoint: the hostile JSON body's fields as
 * form fields (objects JSON-encoded, as a form can only carry text), and a file part that is
 * missing, doubled, empty, or named and typed oddly.
 */
export function hostileForm(root: Schema, schema: Schema, random: () => number, token: string | null): FormData {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const form = new FormData();
  const body = hostileBody(root, schema, random);
  if (token) form.set('i', token);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    for (const [key, value] of Object.entries(body)) form.append(key, typeof value === 'string' ? value : JSON.stringify(value) ?? 'undefined');
  }
  const files = pick([0, 1, 1, 1, 2]);
  for (let n = 0; n < files; n++) {
    const content = pick([new Uint8Array(0), new TextEncoder().encode('plain text'), crypto.getRandomValues(new Uint8Array(1024)), new TextEncoder().encode('\u0000'.repeat(64))]);
    const name = pick(['a.txt', '', 'a\u0000b.txt', '../../etc/passwd', '🍊'.repeat(100), 'x'.repeat(1000), 'con', '.hidden']);
    const type = pick(['text/plain', 'application/octet-stream', 'image/png', '', 'x/\u0000', 'text/html']);
    form.append(pick(['file', 'file', 'file', 'other']), new Blob([content], { type }), name);
  }
  return form;
}
