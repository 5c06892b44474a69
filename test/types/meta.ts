import { Type, type Static } from '@sinclair/typebox';
import type { Endpoints, entities } from 'misskey-js';
import type metaEndpoint from '../../src/api/endpoints/meta.js';
import {
  MetaClientOptionsSchema, MetaDetailedOnlySchema, MetaDetailedSchema, MetaLiteSchema, RolePoliciesSchema,
} from '../../src/core/meta/schema.js';
import { assertType, type MutuallyAssignable } from './assert.js';

assertType<MutuallyAssignable<Static<typeof MetaLiteSchema>, entities.MetaLite>>();
assertType<MutuallyAssignable<Static<typeof MetaDetailedOnlySchema>, entities.MetaDetailedOnly>>();
assertType<MutuallyAssignable<Static<typeof MetaDetailedSchema>, entities.MetaDetailed>>();
assertType<MutuallyAssignable<Static<typeof MetaClientOptionsSchema>, entities.MetaClientOptions>>();
assertType<MutuallyAssignable<Static<typeof RolePoliciesSchema>, entities.RolePolicies>>();

type MetaRes = NonNullable<typeof metaEndpoint.meta.res>;
assertType<MutuallyAssignable<Static<MetaRes>, Endpoints['meta']['res']>>();

// The check bites: one field of another type (maxNoteTextLength as a string) no longer fits.
const DriftedMetaLite = Type.Composite([Type.Omit(MetaLiteSchema, ['maxNoteTextLength']), Type.Object({ maxNoteTextLength: Type.String() })]);
// @ts-expect-error drifted schema must not match misskey-js
assertType<MutuallyAssignable<Static<typeof DriftedMetaLite>, entities.MetaLite>>();

// ...and so does a field made optional where misskey-js requires it.
const LooseDetailed = Type.Composite([Type.Omit(MetaDetailedSchema, ['requireSetup']), Type.Object({ requireSetup: Type.Optional(Type.Boolean()) })]);
// @ts-expect-error optional requireSetup must not match misskey-js
assertType<MutuallyAssignable<Static<typeof LooseDetailed>, entities.MetaDetailed>>();
