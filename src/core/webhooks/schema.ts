import { Type, type Static } from '@sinclair/typebox';
import { USER_WEBHOOK_EVENTS } from '../../db/schema/index.js';

// As misskey-js declares components.schemas.UserWebhook; test/types/ checks the fit.

/** The events a user may subscribe to (misskey-js `webhookEventTypes`). */
export const UserWebhookEventSchema = Type.Union(USER_WEBHOOK_EVENTS.map((event) => Type.Literal(event)));

/**
 * The fork's request enum adds abuse-report events, which only moderators may subscribe to
 * (`youAreNotAdmin` otherwise); Mikan has no report webhooks yet, so they are refused for everyone
 * by the same error rather than stored and never sent.
 */
export const REPORT_WEBHOOK_EVENTS = ['reportCreated', 'reportResolved', 'reportAutoResolved'] as const;
export const WebhookEventParamSchema = Type.Union([...USER_WEBHOOK_EVENTS, ...REPORT_WEBHOOK_EVENTS].map((event) => Type.Literal(event)));

export const UserWebhookSchema = Type.Object({
  id: Type.String({ format: 'misskey:id' }),
  userId: Type.String({ format: 'misskey:id' }),
  name: Type.String(),
  on: Type.Array(UserWebhookEventSchema),
  url: Type.String(),
  secret: Type.String(),
  active: Type.Boolean(),
  latestSentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  latestStatus: Type.Union([Type.Integer(), Type.Null()]),
});
export type UserWebhook = Static<typeof UserWebhookSchema>;
