/**
 * Mails about a staff account (an invitation to set a password, a reset link), and the one
 * function that sends a single mail. Every account mail goes through `sendOneMail`, so the
 * transport behind it (nodemailer, `transport.ts`) is used in one place.
 */
import type { Lang } from '../../core/instrument/types.ts';
import { adminT } from '../../i18n/admin.ts';
import { formatDate, formatTime } from '../../i18n/dates.ts';
import { configuredPublicUrl } from '../public-url.ts';
import { createMailTransport, smtpConfigFromEnv, type OutgoingMail } from './transport.ts';

/**
 * Account mails need both a mail server and the public address their links are made from. A
 * malformed setting counts as none here: the log-in page must not fail over the mail settings
 * (sending, where the error is named, refuses them).
 */
export function accountMailConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    return smtpConfigFromEnv(env) !== null && configuredPublicUrl(env) !== null;
  } catch {
    return false;
  }
}

/** Sends one mail over a connection of its own; throws when SMTP is not configured or fails. */
export async function sendOneMail(mail: OutgoingMail, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = smtpConfigFromEnv(env);
  if (!config) throw new Error('SMTP_URL is not set');
  const transport = createMailTransport(config);
  try {
    await transport.send(mail);
  } finally {
    await transport.close();
  }
}

/** The set-password page of a token: relative when no public address is configured. */
export function setPasswordLink(token: string, lang: Lang, env: NodeJS.ProcessEnv = process.env): string {
  const path = `/admin/set-password/${token}${lang === 'da' ? '' : `?lang=${lang}`}`;
  let base: string | null = null;
  try {
    base = configuredPublicUrl(env);
  } catch {
    // A malformed address: the path alone, for the administrator to complete.
  }
  return `${base ?? ''}${path}`;
}

export function accountMail(
  kind: 'invite' | 'reset',
  input: { to: string; link: string; expiresAt: string; lang: Lang },
): OutgoingMail {
  const t = adminT(input.lang);
  const until = {
    date: formatDate(input.expiresAt, input.lang),
    time: formatTime(input.expiresAt, input.lang),
  };
  const lines = [
    `${t('mail.greeting')},`,
    '',
    t(kind === 'invite' ? 'accountMail.invite' : 'accountMail.reset'),
    '',
    input.link,
    '',
    t('accountMail.expires', until),
    t(kind === 'invite' ? 'accountMail.inviteFooter' : 'accountMail.resetFooter'),
  ];
  return {
    to: input.to,
    subject: t(kind === 'invite' ? 'accountMail.inviteSubject' : 'accountMail.resetSubject'),
    text: lines.join('\n'),
  };
}
