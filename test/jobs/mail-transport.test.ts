/**
 * Mail through nodemailer to a real SMTP server (`smtp-server`) on loopback: the message as it
 * arrives (UTF-8 subject and body, Auto-Submitted), no header from input, one recipient per
 * address, and the three ways a mail can fail.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  createMailTransport,
  MailError,
  smtpConfigFromEnv,
  type MailTransport,
} from '../../src/rounds/mail/transport.ts';
import { startSmtpServer, type TestSmtpServer } from '../accounts/smtp-server.ts';

let smtp: TestSmtpServer;
let transport: MailTransport;
beforeEach(async () => {
  smtp = await startSmtpServer();
  transport = createMailTransport(
    smtpConfigFromEnv({ SMTP_URL: smtp.url, SMTP_FROM: 'pejling@example.dk' })!,
  );
});
afterEach(async () => {
  await transport.close();
  await smtp.close();
});

it('delivers UTF-8 subject and body with Auto-Submitted, and nothing from input becomes a header', async () => {
  await transport.send({
    to: 'it@askeby.dk',
    subject: 'Påmindelse: Æblerne\r\nBcc: evil@attacker.example',
    text: 'Hej Åse,\n.\nlinjen over er et punktum\n',
  });
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0]!;
  expect(mail.to).toEqual(['it@askeby.dk']);
  expect(mail.from).toBe('pejling@example.dk');
  expect(mail.headers['auto-submitted']).toBe('auto-generated');
  expect(mail.headers.bcc).toBeUndefined();
  expect(mail.subject).toContain('Påmindelse: Æblerne');
  expect(mail.text).toBe('Hej Åse,\n.\nlinjen over er et punktum\n');
});

it('refuses an address that would be read as several recipients or carry a header', async () => {
  for (const to of ['a@x.dk, b@y.dk', 'a@x.dk\r\nBcc: c@z.dk', '"x" <a@x.dk>', 'not-an-address']) {
    const err = await transport.send({ to, subject: 's', text: 't' }).catch((e: unknown) => e);
    expect(err, to).toBeInstanceOf(MailError);
    expect((err as MailError).reason).toBe('rejected');
  }
  expect(smtp.mails).toHaveLength(0);
});

it('tells a refused recipient (rejected) from an unreachable server', async () => {
  smtp.refuse.add('gone@askeby.dk');
  const refused = await transport
    .send({ to: 'gone@askeby.dk', subject: 's', text: 't' })
    .catch((e: unknown) => e);
  expect(refused).toMatchObject({ reason: 'rejected' });
  expect(String((refused as Error).message)).toMatch(/550/);
  // The connection stays usable for the next mail.
  await transport.send({ to: 'ok@askeby.dk', subject: 's', text: 't' });
  expect(smtp.count('ok@askeby.dk')).toBe(1);

  // A port nobody listens on: nothing was sent, safe to try again later.
  const free = createServer();
  await new Promise<void>((r) => free.listen(0, '127.0.0.1', r));
  const port = (free.address() as AddressInfo).port;
  await new Promise<void>((r) => free.close(() => r()));
  const nowhere = createMailTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    from: 'p@example.dk',
    timeoutMs: 2000,
  });
  const unreachable = await nowhere
    .send({ to: 'ok@askeby.dk', subject: 's', text: 't' })
    .catch((e: unknown) => e);
  await nowhere.close();
  expect(unreachable).toMatchObject({ reason: 'unreachable' });
});

it('reads SMTP_URL and SMTP_FROM, and refuses a bad sender', () => {
  expect(smtpConfigFromEnv({})).toBeNull();
  expect(
    smtpConfigFromEnv({ SMTP_URL: 'smtps://u:p%40ss@mail.example.dk', SMTP_FROM: 'p@example.dk' }),
  ).toEqual({
    host: 'mail.example.dk',
    port: 465,
    secure: true,
    user: 'u',
    password: 'p@ss',
    from: 'p@example.dk',
  });
  expect(() =>
    smtpConfigFromEnv({ SMTP_URL: 'smtp://mail.example.dk', SMTP_FROM: 'a@b.dk, c@d.dk' }),
  ).toThrow(/SMTP_FROM/);
  expect(() => smtpConfigFromEnv({ SMTP_URL: 'http://x', SMTP_FROM: 'a@b.dk' })).toThrow(/smtp:/);
});
