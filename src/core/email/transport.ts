import type { AppContext } from '../../context.js';
import type { MetaRow } from '../../db/schema/index.js';
import type { Executor } from '../../db/tx.js';
import { enqueueJob } from '../../jobs/enqueue.js';
import { sendEmailJob } from '../../jobs/kinds/send-email.js';

/** One message: Misskey sends every mail with an HTML and a plain-text part. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Mail is on when the administrator switched it on and gave what a message needs: a From address
 * and an SMTP host (`meta.enableEmail` and NodeInfo answer this, so clients offer mail features only then).
 */
export function emailEnabled(meta: Pick<MetaRow, 'enableEmail' | 'email' | 'smtpHost'>): boolean {
  return meta.enableEmail && !!meta.email && !!meta.smtpHost;
}

export class EmailDisabledError extends Error {
  constructor() { super('mail is not configured on this server'); }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A minimal HTML version of a plain text: escaped, links clickable, lines kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text)
    .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`)
    .replace(/\n/g, '<br>');
}

/**
 * Sends one message now through the configured SMTP server (the `sendEmail` job calls this; it
 * throws on any SMTP failure so the job is retried). Settings are read at send time, so a change in
 * the control panel applies to mail already queued.
 */
export async function deliverMail(ctx: AppContext, mail: Mail): Promise<void> {
  const meta = ctx.meta.get();
  if (!emailEnabled(meta)) throw new EmailDisabledError();
  // Loaded with the first message: an instance without mail never holds nodemailer (~24 MiB).
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: meta.smtpHost!,
    port: meta.smtpPort ?? undefined,
    secure: meta.smtpSecure,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    auth: meta.smtpUser ? { user: meta.smtpUser, pass: meta.smtpPass ?? '' } : undefined,
  });
  try {
    await transport.sendMail({
      from: meta.name ? { name: meta.name, address: meta.email! } : meta.email!,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? textToHtml(mail.text),
    });
  } finally {
    transport.close();
  }
}

/**
 * Queues a message (the `sendEmail` job, retried with back-off). Pass the transaction that writes
 * the message's cause so the mail goes if and only if it commits. Nothing is queued when mail is off.
 */
export async function queueMail(ctx: AppContext, executor: Executor, mail: Mail): Promise<boolean> {
  if (!emailEnabled(ctx.meta.get())) return false;
  await enqueueJob(ctx, executor, sendEmailJob, mail);
  return true;
}
