/** An e-mail as RFC 5322 text: UTF-8, base64 body, encoded subject; nothing from input can add a header. */
import { randomBytes } from 'node:crypto';

export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const ADDRESS = /^[^\s<>"'\r\n@]+@[^\s<>"'\r\n@]+$/;

export function formatMessage(from: string, mail: OutgoingMail, date = new Date()): string {
  for (const address of [from, mail.to]) if (!ADDRESS.test(address)) throw new Error('invalid mail address');
  const domain = from.split('@')[1]!;
  const subject = `=?UTF-8?B?${Buffer.from(mail.subject.replace(/[\r\n]+/g, ' ')).toString('base64')}?=`;
  const body = Buffer.from(mail.text.replace(/\r?\n/g, '\r\n'))
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return [
    `From: <${from}>`,
    `To: <${mail.to}>`,
    `Subject: ${subject}`,
    `Date: ${date.toUTCString()}`,
    `Message-ID: <${randomBytes(12).toString('hex')}@${domain}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    'Auto-Submitted: auto-generated',
    '',
    body,
  ].join('\r\n');
}
