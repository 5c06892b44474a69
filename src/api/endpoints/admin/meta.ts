import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { AdminMetaSchema } from '../../../core/meta/admin-schema.js';
import { packAdminMeta } from '../../../core/meta/admin-pack.js';

export default defineEndpoint({
  summary: 'Every instance setting, as the control panel edits them (secrets Mikan keeps in its environment are not sent).',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'read:admin:meta',
  params: Type.Object({}),
  res: AdminMetaSchema,
}, async ({ ctx }) => packAdminMeta(ctx));
