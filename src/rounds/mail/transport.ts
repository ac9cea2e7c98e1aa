/**
 * Sending mail: one small interface (`MailTransport.send(OutgoingMail)`) over nodemailer's
 * SMTP transport, for every mail Pejling sends (invitations, reminders, and account mails).
 * nodemailer does the SMTP conversation, STARTTLS and the encoding of headers and body, so
 * nothing from input can add a header; addresses are checked to be one plain address each,
 * because nodemailer would read "a@x, b@y" as two recipients.
 *
 * Configuration: SMTP_URL = smtp://[user:password@]host[:port] (STARTTLS when offered) or
 * smtps://… (TLS from the start); SMTP_FROM = the sender address. Credentials are only sent
 * over TLS (or to a loopback server) and never logged or put in errors.
 */
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { z } from 'zod';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailTransport {
  /** Resolves once the server accepted the mail; rejects with a `MailError` otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export interface SmtpConfig {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user?: string;
  readonly password?: string;
  readonly from: string;
  /** Self-signed certificates in tests only. */
  readonly rejectUnauthorized?: boolean;
  readonly timeoutMs?: number;
}

export class SmtpConfigError extends Error {}

/**
 * Why a mail was not sent, as far as it can be known:
 * - `rejected`: the server answered no (bad recipient, policy); sending again would not help;
 * - `unreachable`: no conversation took place (connection refused, DNS); nothing was sent, so
 *   it is safe to try again later;
 * - `uncertain`: the connection broke mid-conversation; the server may have accepted it.
 */
export class MailError extends Error {
  constructor(
    readonly reason: 'rejected' | 'unreachable' | 'uncertain',
    message: string,
  ) {
    super(message);
  }
}

export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const raw = env.SMTP_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SmtpConfigError('SMTP_URL is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new SmtpConfigError('SMTP_URL must start with smtp:// or smtps://');
  const from = env.SMTP_FROM ?? '';
  if (!isPlainAddress(from)) throw new SmtpConfigError('SMTP_FROM must be the sender e-mail address');
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : {}),
    from,
  };
}

const ADDRESS = /^[^\s<>"'(),;:\\@]+@[^\s<>"'(),;:\\@]+$/;
export const isPlainAddress = (address: string) =>
  ADDRESS.test(address) && z.email().safeParse(address).success;

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** Connection-level failures where the server never saw the message. */
const UNREACHABLE = new Set([
  'ECONNECTION',
  'EDNS',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAUTH',
  'ETLS',
]);
/** Steps before any message is handed over: a failure there sent nothing. */
const BEFORE_MESSAGE = /^(CONN|GREETING|EHLO|HELO|LHLO|STARTTLS|AUTH)/i;

function classify(err: unknown): MailError {
  const e = err as {
    code?: string;
    originalCode?: string;
    syscall?: string;
    responseCode?: number;
    command?: string;
    response?: string;
  };
  // Only the verb: an AUTH command would carry the credentials.
  const verb = (e.command ?? '').split(' ')[0] ?? '';
  const reply =
    typeof e.responseCode === 'number'
      ? ` ${e.responseCode} ${(e.response ?? '').replace(/^\d{3}[ -]/, '').slice(0, 200)}`
      : '';
  if (
    BEFORE_MESSAGE.test(verb) ||
    e.syscall === 'connect' ||
    UNREACHABLE.has(e.code ?? '') ||
    UNREACHABLE.has(e.originalCode ?? '')
  )
    return new MailError('unreachable', `SMTP server not usable (${verb || e.code || 'connection'})${reply}`);
  if (typeof e.responseCode === 'number' && (e.responseCode >= 500 || e.code === 'EENVELOPE'))
    return new MailError('rejected', `SMTP ${verb} refused:${reply}`);
  // 4xx: the server asks to come back later; it did not take the mail.
  if (typeof e.responseCode === 'number' && e.responseCode >= 400)
    return new MailError('unreachable', `SMTP ${verb} deferred:${reply}`);
  return new MailError('uncertain', `SMTP connection broke (${e.code ?? 'unknown error'})`);
}

export function createMailTransport(config: SmtpConfig): MailTransport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    // Credentials never travel in clear text except to a server on this machine.
    requireTLS: Boolean(config.user) && !config.secure && !isLoopback(config.host),
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    tls: { rejectUnauthorized: config.rejectUnauthorized ?? true },
    connectionTimeout: config.timeoutMs ?? 30_000,
    greetingTimeout: config.timeoutMs ?? 30_000,
    socketTimeout: config.timeoutMs ?? 60_000,
    // One connection reused for a job's many mails.
    pool: true,
    maxConnections: 1,
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      if (!isPlainAddress(mail.to)) throw new MailError('rejected', 'invalid recipient address');
      try {
        await transporter.sendMail({
          from: config.from,
          to: mail.to,
          envelope: { from: config.from, to: [mail.to] },
          subject: mail.subject,
          text: mail.text,
          textEncoding: 'base64',
          // RFC 3834: tells autoresponders not to answer.
          headers: { 'Auto-Submitted': 'auto-generated' },
          disableFileAccess: true,
          disableUrlAccess: true,
        });
      } catch (err) {
        throw classify(err);
      }
    },
    async close() {
      transporter.close();
    },
  };
}

/** The transport of SMTP_URL/SMTP_FROM, or null when mail is not set up. */
export function mailTransportFromEnv(env: NodeJS.ProcessEnv = process.env): MailTransport | null {
  const config = smtpConfigFromEnv(env);
  return config ? createMailTransport(config) : null;
}
