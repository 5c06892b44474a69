import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface CapturedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  date: string;
}

/**
 * The test server's mail: an SMTP server on a free loopback port that keeps every message in
 * memory. The test server points the instance's SMTP settings at it, so mail takes Mikan's real
 * path (the `sendEmail` job, nodemailer) and tests read what would have been sent.
 */
export class MailCatcher {
  readonly mails: CapturedMail[] = [];
  private readonly waiters = new Set<() => void>();
  private readonly server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: STARTTLS with a self-signed certificate would only make nodemailer refuse it.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      simpleParser(stream).then((parsed) => {
        this.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
          date: new Date().toISOString(),
        });
        for (const wake of this.waiters) wake();
        callback();
      }, (error: Error) => callback(error));
    },
  });

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  /** Resolves once at least `count` messages were captured, or after `timeoutMs` with what there is. */
  async waitFor(count: number, timeoutMs: number): Promise<CapturedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.mails.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const wake = () => { this.waiters.delete(wake); clearTimeout(timer); resolve(); };
        const timer = setTimeout(wake, Math.max(0, deadline - Date.now()));
        this.waiters.add(wake);
      });
    }
    return [...this.mails];
  }

  clear(): void {
    this.mails.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
