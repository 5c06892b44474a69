import { eq } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import { userProfiles, users, type NotificationRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { emailEnabled, queueMail } from './transport.js';

/** What each notification type says in a mail; Misskey's settings offer the first five. */
const SUBJECTS: Record<string, (who: string) => string> = {
  follow: (who) => `${who} followed you`,
  receiveFollowRequest: (who) => `${who} asked to follow you`,
  mention: (who) => `${who} mentioned you`,
  reply: (who) => `${who} replied to you`,
  quote: (who) => `${who} quoted your note`,
  followRequestAccepted: (who) => `${who} accepted your follow request`,
  renote: (who) => `${who} renoted your note`,
  reaction: (who) => `${who} reacted to your note`,
};

/**
 * Mails a notification when its type is among the account's `emailNotificationTypes` and the
 * account has a verified address, queued with the notification (same transaction).
 */
export async function mailNotification(ctx: AppContext, executor: Executor, row: NotificationRow): Promise<void> {
  const subject = SUBJECTS[row.type];
  if (!subject || !emailEnabled(ctx.meta.get())) return;
  const [profile] = await executor.select({ email: userProfiles.email, verified: userProfiles.emailVerified, types: userProfiles.emailNotificationTypes })
    .from(userProfiles).where(eq(userProfiles.userId, row.notifieeId));
  if (!profile?.email || !profile.verified || !profile.types.includes(row.type)) return;
  let who = 'Someone';
  if (row.notifierId) {
    const [notifier] = await executor.select({ username: users.username, host: users.host, name: users.name }).from(users).where(eq(users.id, row.notifierId));
    if (notifier) who = `${notifier.name ? `${notifier.name} ` : ''}@${notifier.username}${notifier.host ? `@${notifier.host}` : ''}`;
  }
  const where = row.noteId ? `${ctx.config.url}/notes/${row.noteId}` : `${ctx.config.url}/notifications`;
  await queueMail(ctx, executor, {
    to: profile.email,
    subject: subject(who),
    text: `${subject(who)}.\n\n${where}\n\nYou receive this mail because you chose mail notifications of this kind in your settings.`,
  });
}

/**
 * Abuse-report recipients of method `email` (admin/abuse-report/notification-recipient/*): each
 * active one whose user has a verified address gets the report by mail.
 */
export async function mailAbuseReport(ctx: AppContext, executor: Executor, report: { id: string; comment: string; reporter: string; target: string }, userIds: string[]): Promise<void> {
  if (userIds.length === 0 || !emailEnabled(ctx.meta.get())) return;
  const seen = new Set<string>();
  for (const userId of userIds) {
    const [profile] = await executor.select({ email: userProfiles.email, verified: userProfiles.emailVerified }).from(userProfiles).where(eq(userProfiles.userId, userId));
    if (!profile?.email || !profile.verified || seen.has(profile.email)) continue;
    seen.add(profile.email);
    await queueMail(ctx, executor, {
      to: profile.email,
      subject: `New abuse report: ${report.target}`,
      text: `${report.reporter} reported ${report.target}:\n\n${report.comment}\n\n${ctx.config.url}/admin/reports`,
    });
  }
}
