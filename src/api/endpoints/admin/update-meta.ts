import { Type, type TSchema } from '@sinclair/typebox';
import { defineEndpoint } from '../../define.js';
import { RolePoliciesSchema } from '../../../core/meta/schema.js';
import { updateInstanceSettings } from '../../../core/meta/update.js';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
// Lengths are the columns' (src/db/schema/meta.ts), so nothing too long reaches the database.
const Text = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));

export default defineEndpoint({
  summary: 'Changes the instance\'s settings (the subset Mikan has); fields left out keep their values.',
  tags: ['admin'],
  requireCredential: true,
  requireAdmin: true,
  kind: 'write:admin:meta',
  params: Type.Object({
    name: Text(1024),
    shortName: Text(64),
    description: Text(100_000),
    maintainerName: Text(1024),
    maintainerEmail: Text(1024),
    langs: Type.Optional(Type.Array(Type.String({ maxLength: 64 }))),
    tosUrl: Text(1024),
    repositoryUrl: Text(1024),
    feedbackUrl: Text(1024),
    impressumUrl: Text(1024),
    privacyPolicyUrl: Text(1024),
    inquiryUrl: Text(1024),
    iconUrl: Text(1024),
    bannerUrl: Text(1024),
    backgroundImageUrl: Text(1024),
    logoImageUrl: Text(1024),
    themeColor: Text(512),
    serverRules: Type.Optional(Type.Array(Type.String())),
    disableRegistration: Type.Optional(Nullable(Type.Boolean())),
    emailRequiredForSignup: Type.Optional(Type.Boolean()),
    enableServerMachineStats: Type.Optional(Type.Boolean()),
    // `pinned-users`: acct strings (`@alice`, `alice@host`); null leaves them unchanged.
    pinnedUsers: Type.Optional(Nullable(Type.Array(Type.String({ maxLength: 512 })))),
    // Mikan's: the base role policies (Misskey sets them through admin/roles/update-default-policies).
    policies: Type.Optional(Type.Partial(RolePoliciesSchema)),
  }),
}, async ({ params, ctx }) => {
  await updateInstanceSettings(ctx, params);
});
