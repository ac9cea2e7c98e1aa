/**
 * A tiny SMTP server on loopback for the tests: accepts every message and keeps it. Enough of
 * RFC 5321 for our client (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, QUIT); no TLS.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly data: string;
  /** The body decoded from base64 (our messages are base64). */
  readonly text: string;
  readonly subject: string;
}

export interface TestSmtpServer {
  readonly port: number;
  readonly mails: ReceivedMail[];
  /** Recipients to refuse at RCPT. */
  readonly refuse: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const mails: ReceivedMail[] = [];
  const refuse = new Set<string>();
  const server: Server = createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    let data: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test ESMTP');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            const raw = data.join('\r\n');
            const [head = '', body = ''] = raw.split('\r\n\r\n');
            const subject = /^Subject: =\?UTF-8\?B\?([^?]*)\?=/m.exec(head)?.[1] ?? '';
            mails.push({
              from,
              to,
              data: raw,
              text: Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8'),
              subject: Buffer.from(subject, 'base64').toString('utf8'),
            });
            reply('250 queued');
          } else data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') reply('250-test\r\n250 AUTH PLAIN');
        else if (verb === 'AUTH') reply('235 ok');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          reply('250 ok');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          if (refuse.has(address)) reply('550 no such user');
          else {
            to.push(address);
            reply('250 ok');
          }
        } else if (verb === 'DATA') {
          inData = true;
          data = [];
          reply('354 go ahead');
        } else if (verb === 'RSET') reply('250 ok');
        else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    mails,
    refuse,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
