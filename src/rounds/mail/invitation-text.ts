/**
 * The invitation and reminder mails: in each of the round's languages, Danish first. A
 * reminder without a new link points to the link of the invitation mail (and says when it
 * was sent), which still works.
 */
import { adminT } from '../../i18n/admin.ts';
import { formatDate, formatDateTime } from '../../i18n/dates.ts';
import { localize } from '../../i18n/i18n.ts';
import type { Lang } from '../../core/instrument/types.ts';
import type { Round } from '../../storage/index.ts';
import type { OutgoingMail } from './transport.ts';

export function invitationMail(
  round: Round,
  to: string,
  link: string | null,
  kind: 'invitation' | 'reminder',
  invitedAt: string | null = null,
): OutgoingMail {
  const langs: Lang[] = round.languages.includes('da')
    ? ['da', ...round.languages.filter((l) => l !== 'da')]
    : [...round.languages];
  const parts = langs.map((lang) => {
    const t = adminT(lang);
    const title = localize(round.title, lang);
    const lines = [
      `${t('mail.greeting')},`,
      '',
      t(kind === 'invitation' ? 'mail.invitation' : 'mail.reminder', { title, minutes: 12 }),
      ...(round.organiser ? [t('mail.organiser', { organiser: round.organiser })] : []),
      ...(round.intro ? ['', localize(round.intro, lang)] : []),
      '',
      ...(link !== null
        ? [t('mail.link'), link]
        : [
            invitedAt
              ? t('mail.earlierLink', { date: formatDate(invitedAt, lang) })
              : t('mail.earlierLinkUndated'),
          ]),
      ...(round.closesAt ? ['', t('mail.closes', { date: formatDateTime(round.closesAt, lang) })] : []),
      '',
      t('mail.footer', { k: round.kMin }),
    ];
    return lines.join('\n');
  });
  const t = adminT(langs[0] ?? 'da');
  return {
    to,
    subject: t(kind === 'invitation' ? 'mail.invitationSubject' : 'mail.reminderSubject', {
      title: localize(round.title, langs[0] ?? 'da'),
    }),
    text: parts.join('\n\n———\n\n'),
  };
}
