/**
 * Who runs a round: stored with the round (both backends), set and cleared on the settings
 * form, checked for length, and said in the invitation mail in each of the round's languages.
 */
import { expect, it } from 'vitest';
import { parseSettings } from '../../src/admin-ui/settings-form.ts';
import { invitationMail } from '../../src/rounds/mail/invitation-text.ts';
import { getRoundByName, setRoundTexts } from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';
import { seedRound } from './fixtures.ts';

describeEachBackend('the round organiser', (getDb) => {
  it('is stored with the round, changed and cleared', async () => {
    const db = getDb();
    const { round } = await seedRound(db, { organiser: '  KL og Digitaliseringsstyrelsen ' });
    expect(round.organiser).toBe('KL og Digitaliseringsstyrelsen');
    await setRoundTexts(db, round.id, { languages: ['da'], intro: null, organiser: 'Danske Regioner' });
    expect((await getRoundByName(db, round.name))?.organiser).toBe('Danske Regioner');
    // Leaving it out keeps it; an empty value clears it.
    await setRoundTexts(db, round.id, { languages: ['da', 'en'], intro: null });
    expect((await getRoundByName(db, round.name))?.organiser).toBe('Danske Regioner');
    await setRoundTexts(db, round.id, { languages: ['da', 'en'], intro: null, organiser: ' ' });
    expect((await getRoundByName(db, round.name))?.organiser).toBeNull();
  });

  it('is named in the invitation mail in every language of the round', async () => {
    const db = getDb();
    const { round } = await seedRound(db, {
      organiser: 'KL',
      title: { da: 'Digital modenhed 2026', en: 'Digital maturity 2026' },
      closesAt: '2026-12-24T22:59:00.000Z',
    });
    const mail = invitationMail(round, 'a@b.dk', 'https://pejling.example/s/x', 'invitation');
    expect(mail.text).toContain('Du er inviteret til at svare på Digital modenhed 2026');
    expect(mail.text).toContain('Runden gennemføres af KL.');
    expect(mail.text).toContain('The round is run by KL.');
    expect(mail.text).toMatch(/Runden lukker .*24\. december 2026/);
    const without = invitationMail({ ...round, organiser: null }, 'a@b.dk', 'https://x/s/y', 'invitation');
    expect(without.text).not.toContain('gennemføres af');
  });
});

it('the settings form takes an organiser of at most 200 characters', () => {
  const base = { title_da: 'Runde', lang_da: '1', k: '5', respondent_min: '3' };
  const ok = parseSettings({ ...base, organiser: '  KL  ' }, 'da');
  expect(ok.ok && ok.value.organiser).toBe('KL');
  const none = parseSettings(base, 'da');
  expect(none.ok && none.value.organiser).toBeNull();
  const long = parseSettings({ ...base, organiser: 'x'.repeat(201) }, 'da');
  expect(long).toEqual({ ok: false, problems: [expect.stringContaining('200 tegn')] });
});
