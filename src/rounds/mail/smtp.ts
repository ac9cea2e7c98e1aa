/**
 * A minimal SMTP client over node:net / node:tls (RFC 5321): EHLO, STARTTLS when offered,
 * AUTH PLAIN only over TLS (or to a loopback server), then MAIL/RCPT/DATA per message on one
 * connection. Written here because no mail library is installed; nodemailer would be the
 * well-kept replacement (docs/rounds.md). Credentials are never logged or put in errors.
 *
 * Configuration: SMTP_URL = smtp://[user:password@]host[:port] (STARTTLS when offered) or
 * smtps://… (TLS from the start); SMTP_FROM = the sender address.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { z } from 'zod';
import type { OutgoingMail } from './message.ts';
import { formatMessage } from './message.ts';

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

export class SmtpError extends Error {}

export function smtpConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpConfig | null {
  const raw = env.SMTP_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SmtpError('SMTP_URL is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new SmtpError('SMTP_URL must start with smtp:// or smtps://');
  const from = env.SMTP_FROM ?? '';
  if (!z.email().safeParse(from).success) throw new SmtpError('SMTP_FROM must be the sender e-mail address');
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

const isLoopback = (host: string) =>
  host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));

/** Reads SMTP replies line by line; a reply ends at a line "NNN text" (space, not dash). */
class Replies {
  private buffer = '';
  private lines: string[] = [];
  private waiting: ((line: string | Error) => void) | null = null;
  private failure: Error | null = null;

  constructor(socket: Socket | TLSSocket) {
    this.attach(socket);
  }

  attach(socket: Socket | TLSSocket): void {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i: number;
      while ((i = this.buffer.indexOf('\n')) >= 0) {
        this.push(this.buffer.slice(0, i).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(i + 1);
      }
    });
    socket.on('error', (err) => this.fail(new SmtpError(`SMTP connection failed: ${err.message}`)));
    socket.on('close', () => this.fail(new SmtpError('SMTP connection closed')));
  }

  private push(line: string): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(line);
    } else this.lines.push(line);
  }

  private fail(err: Error): void {
    this.failure ??= err;
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(err);
    }
  }

  private nextLine(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = (l) => (l instanceof Error ? reject(l) : resolve(l));
    });
  }

  async reply(): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.nextLine();
      lines.push(line.slice(4));
      if (/^\d{3}(?: |$)/.test(line)) return { code: Number(line.slice(0, 3)), lines };
      if (!/^\d{3}-/.test(line)) throw new SmtpError('The SMTP server sent a malformed reply');
    }
  }
}

export interface SmtpSession {
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

export async function openSmtp(config: SmtpConfig): Promise<SmtpSession> {
  const timeout = config.timeoutMs ?? 30_000;
  const tlsOptions = {
    servername: isIP(config.host) ? undefined : config.host,
    rejectUnauthorized: config.rejectUnauthorized ?? true,
  };
  let socket: Socket | TLSSocket = await new Promise((resolve, reject) => {
    const s = config.secure
      ? tlsConnect({ host: config.host, port: config.port, ...tlsOptions }, () => resolve(s))
      : netConnect({ host: config.host, port: config.port }, () => resolve(s));
    s.once('error', (err) => reject(new SmtpError(`Cannot reach the SMTP server: ${err.message}`)));
  });
  socket.setTimeout(timeout, () => socket.destroy(new Error('timed out')));
  let secure = config.secure;
  let replies = new Replies(socket);

  const command = async (line: string, expect: readonly number[]) => {
    socket.write(`${line}\r\n`);
    const reply = await replies.reply();
    if (!expect.includes(reply.code)) {
      // The command is named by its verb only: AUTH would carry the credentials.
      throw new SmtpError(
        `SMTP ${line.split(' ')[0]} refused: ${reply.code} ${reply.lines.join(' ').slice(0, 200)}`,
      );
    }
    return reply;
  };

  try {
    const greeting = await replies.reply();
    if (greeting.code !== 220) throw new SmtpError(`SMTP server not ready: ${greeting.code}`);
    let ehlo = await command('EHLO pejling.localhost', [250]);
    if (!secure && ehlo.lines.some((l) => /^STARTTLS\b/i.test(l))) {
      await command('STARTTLS', [220]);
      socket.removeAllListeners('data');
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      const plain = socket;
      socket = await new Promise<TLSSocket>((resolve, reject) => {
        const s = tlsConnect({ socket: plain, ...tlsOptions }, () => resolve(s));
        s.once('error', (err) => reject(new SmtpError(`STARTTLS failed: ${err.message}`)));
      });
      socket.setTimeout(timeout, () => socket.destroy(new Error('timed out')));
      replies = new Replies(socket);
      secure = true;
      ehlo = await command('EHLO pejling.localhost', [250]);
    }
    if (config.user) {
      if (!secure && !isLoopback(config.host))
        throw new SmtpError('Refusing to send SMTP credentials without TLS');
      const plain = Buffer.from(`\u0000${config.user}\u0000${config.password ?? ''}`).toString('base64');
      await command(`AUTH PLAIN ${plain}`, [235]);
    }
  } catch (err) {
    socket.destroy();
    throw err;
  }

  return {
    async send(mail) {
      try {
        await command(`MAIL FROM:<${config.from}>`, [250]);
        await command(`RCPT TO:<${mail.to}>`, [250, 251]);
        await command('DATA', [354]);
        const body = formatMessage(config.from, mail).replace(/^\./gm, '..');
        await command(`${body}\r\n.`, [250]);
      } catch (err) {
        // Leave the connection usable for the next message.
        if (!socket.destroyed) await command('RSET', [250]).catch(() => undefined);
        throw err;
      }
    },
    async close() {
      if (!socket.destroyed) {
        await command('QUIT', [221]).catch(() => undefined);
        socket.end();
      }
    },
  };
}
