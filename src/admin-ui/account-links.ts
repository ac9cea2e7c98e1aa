/**
 * A one-time password link reaches its user by mail when mail is configured; otherwise (or when
 * the mail fails) the page that made it shows it once, for the administrator to pass on.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Lang } from '../core/instrument/types.ts';
import {
  accountMail,
  accountMailConfigured,
  sendOneMail,
  setPasswordLink,
} from '../rounds/mail/account-mail.ts';
import type { ShownLink } from './pages/users.ts';

export async function deliverInvitation(
  log: FastifyBaseLogger,
  input: { email: string; token: string; expiresAt: string; lang: Lang },
): Promise<ShownLink | null> {
  const link = setPasswordLink(input.token, input.lang);
  const shown = (reason: ShownLink['reason']): ShownLink => ({
    email: input.email,
    link,
    expiresAt: input.expiresAt,
    reason,
  });
  if (!accountMailConfigured()) return shown('no-mail');
  try {
    await sendOneMail(
      accountMail('invite', { to: input.email, link, expiresAt: input.expiresAt, lang: input.lang }),
    );
    return null;
  } catch (err) {
    // The message only: it names the server, never the link or credentials.
    log.warn({ err: { message: (err as Error).message } }, 'invitation mail to a new user failed');
    return shown('mail-failed');
  }
}
