/**
 * Organisations' attributes and comparison sets per round: through exchange files (round
 * trip), the attributes and comparison-set files, one organisation's edit, and into the
 * releases' peer groups — per round, so a later round's attributes never move an earlier
 * round's peers.
 */
import { expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { formatExchangeCsv, parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import { organisationPeers } from '../../src/core/release/peers.ts';
import { exportRoundText } from '../../src/api/services/export.ts';
import { importOrganisations } from '../../src/api/services/import.ts';
import {
  importAttributesFile,
  importComparisonSets,
  inviteeAttributesWriter,
  roundOrganisations,
  setOrganisationAttributes,
} from '../../src/api/services/organisations.ts';
import { organisationReport } from '../../src/api/services/organisation-report.ts';
import { preparedRelease } from '../../src/api/services/peers.ts';
import { addInvitees } from '../../src/rounds/invitations.ts';
import { inviteeRows } from '../../src/rounds/invitee-file.ts';
import { latestRelease, makeRelease } from '../../src/api/services/releases.ts';
import { generateRound } from '../../src/demo/generate.ts';
import { DEMO_ROUNDS, seedDemo } from '../../src/demo/seed.ts';
import {
  createRound,
  getOrganisationByName,
  listAudit,
  setRoundStatus,
  storeInstrumentVersion,
  requireRoundByName,
  type Db,
} from '../../src/storage/index.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { dtOffentligSource } from './helpers.ts';

/** 24 kommuner: 12 small (10,000 inhabitants and up), 12 large (60,000 and up), by name order. */
async function kommuner(sizes?: (i: number) => number): Promise<OrganisationData[]> {
  const { instrument } = await dtOffentligSource();
  const orgs = generateRound(instrument, { organisations: 60, respondents: [1, 2], seed: 7 })
    .filter((o) => o.sector === 'kommune')
    .slice(0, 24)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  expect(orgs).toHaveLength(24);
  return orgs.map((o, i) => ({
    name: o.name,
    sector: o.sector,
    respondents: o.respondents,
    attributes: {
      type: 'kommune',
      size: sizes ? sizes(i) : i < 12 ? 10_000 + i : 60_000 + i,
      region: i % 2 ? 'Hovedstaden' : 'Sjælland',
      extra: { flis: `g${i % 3}` },
    },
  }));
}

async function importRoundOf(db: Db, roundName: string, organisations: readonly OrganisationData[]) {
  const { ref } = await dtOffentligSource();
  return importOrganisations(db, { roundName, source: ref, organisations, actor: 'test' });
}

async function exportCsv(db: Db, roundName: string): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await exportRoundText(db, roundName, 'csv', out);
  return Buffer.concat(chunks).toString('utf8');
}

/** The peer groups of an organisation (by name) in the round's latest release. */
async function peersOf(db: Db, roundName: string, name: string): Promise<string[]> {
  const round = await requireRoundByName(db, roundName);
  const view = await roundOrganisations(db, roundName);
  const id = view.organisations.find((o) => o.name === name)!.organisationId;
  const release = (await latestRelease(db, round))!;
  const prepared = await preparedRelease(db, round, view.instrument, release);
  return organisationPeers(prepared, id).map((p) => p.state.group);
}

describeEachBackend('organisation attributes per round', (getDb) => {
  it('exchange files carry org.* columns, and an export re-imports unchanged', async () => {
    const db = getDb();
    const { instrument } = await dtOffentligSource();
    const data = await kommuner();
    await importRoundOf(db, 'orgs-a', data);
    const first = await exportCsv(db, 'orgs-a');
    const header = first.split('\n')[0]!.split(',');
    expect(header.slice(0, 7)).toEqual([
      'organisation',
      'sector',
      'respondent',
      'org.type',
      'org.size',
      'org.region',
      'org.flis',
    ]);
    const parsed = parseExchangeCsv(instrument, first, 'a.csv');
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect(parsed.organisations[0]!.attributes).toEqual({
      type: 'kommune',
      size: 10_000,
      region: 'Sjælland',
      extra: { flis: 'g0' },
    });
    expect(first).toBe(formatExchangeCsv(instrument, parsed.organisations));
    // Into a new round and out again: byte for byte the same.
    await importRoundOf(db, 'orgs-b', parsed.organisations);
    expect(await exportCsv(db, 'orgs-b')).toBe(first);
    const view = await roundOrganisations(db, 'orgs-b');
    expect(view.organisations[0]).toMatchObject({ sizeBand: 'small', own: true });
    expect(view.organisations[23]).toMatchObject({ sizeBand: 'large' });
  });

  it('size groups come from the real sizes, and a later round’s sizes leave the earlier round’s peers', async () => {
    const db = getDb();
    await importRoundOf(db, 'year-1', await kommuner());
    const small = (await kommuner())[0]!.name;
    expect(await peersOf(db, 'year-1', small)).toContain('size:kommune/small');
    const before = (await latestRelease(db, await requireRoundByName(db, 'year-1')))!;
    // Year 2: every kommune has grown to 60,000 and more.
    await importRoundOf(db, 'year-2', await kommuner((i) => 60_000 + i));
    expect(await peersOf(db, 'year-2', small)).toContain('size:kommune/large');
    expect(await peersOf(db, 'year-2', small)).not.toContain('size:kommune/small');
    // Year 1 is as it was: same release, same groups, and a new release there changes nothing.
    const round1 = await requireRoundByName(db, 'year-1');
    expect((await latestRelease(db, round1))!.number).toBe(before.number);
    await makeRelease(db, round1, 'manual');
    expect(await peersOf(db, 'year-1', small)).toContain('size:kommune/small');
    const ids = (await latestRelease(db, round1))!.content.groups.map((g) => g.group);
    expect(ids).toContain('size:kommune/small');
    // And so do the reports: last year's with last year's peers.
    const org = (await getOrganisationByName(db, small))!;
    const sizeOf = async (roundName: string) =>
      (await organisationReport(db, await requireRoundByName(db, roundName), org, 'da')).benchmark.groups
        .filter((g) => g.kind === 'size')
        .map((g) => g.label);
    expect(await sizeOf('year-1')).toEqual(['Samme størrelse: Kommuner med under 20.000 indbyggere']);
    expect(await sizeOf('year-2')).toEqual(['Samme størrelse: Kommuner med mindst 50.000 indbyggere']);
    expect(ids.some((g) => g.includes('?'))).toBe(false);
  });

  it('an edited attribute moves the organisation to other peers in the next release, validated first', async () => {
    const db = getDb();
    await importRoundOf(db, 'edit', await kommuner());
    const name = (await kommuner())[0]!.name;
    expect(await peersOf(db, 'edit', name)).toContain('size:kommune/small');
    const wrong = await setOrganisationAttributes(db, {
      roundName: 'edit',
      organisation: name,
      cells: { type: 'styrelse', size: 'many' },
      actor: 'analyst',
    });
    expect(wrong).toMatchObject({
      ok: false,
      problems: [
        {
          row: 0,
          column: 'type',
          code: 'typeNotOneOf',
          params: { valid: ['kommune'], sector: 'kommune', found: 'styrelse' },
        },
        {
          row: 0,
          column: 'size',
          code: 'notSize',
          params: { found: 'many' },
        },
      ],
    });
    const done = await setOrganisationAttributes(db, {
      roundName: 'edit',
      organisation: name,
      cells: { size: '75000', flis: '' },
      actor: 'analyst',
    });
    expect(done).toMatchObject({
      ok: true,
      organisation: { sizeBand: 'large', attributes: { size: 75_000, extra: {} } },
    });
    // A release is made at once, and the organisation is among the large ones in it.
    expect(await peersOf(db, 'edit', name)).toContain('size:kommune/large');
    // Closed, the round's peers are final: no edit, no file, no import that changes them.
    await setRoundStatus(db, 'edit', 'closed');
    const closed = {
      ok: false,
      problems: [{ row: 0, code: 'roundFinal', params: { round: 'edit' } }],
    };
    expect(
      await setOrganisationAttributes(db, {
        roundName: 'edit',
        organisation: name,
        cells: { size: '1' },
        actor: 'a',
      }),
    ).toMatchObject(closed);
    expect(
      await importAttributesFile(db, {
        roundName: 'edit',
        text: `organisation,org.size\n${name},1\n`,
        actor: 'a',
      }),
    ).toMatchObject(closed);
    expect(
      await importComparisonSets(db, { roundName: 'edit', text: 'organisation,comparison\n', actor: 'a' }),
    ).toMatchObject(closed);
    const changed = (await kommuner()).map((o, i) =>
      i === 0 ? { ...o, attributes: { ...o.attributes, size: 1 } } : o,
    );
    await expect(importRoundOf(db, 'edit', changed)).rejects.toThrow(
      /closed; the import would change the attributes of 1 organisations/,
    );
    const audit = await listAudit(db, {});
    expect(audit.some((e) => e.action === 'organisation.attributes')).toBe(true);
  });

  it('an attributes file: all or nothing, errors naming row and column', async () => {
    const db = getDb();
    await importRoundOf(db, 'file', await kommuner());
    const [a, b] = (await kommuner()).map((o) => o.name);
    const bad = await importAttributesFile(db, {
      roundName: 'file',
      text: `organisation;org.type;org.size\n${a};kommune;30000\n${b};hospital;x\nNowhere;kommune;1\n`,
      actor: 'admin',
    });
    expect(bad).toMatchObject({
      ok: false,
      problems: [
        {
          row: 3,
          column: 'org.type',
          code: 'typeNotOneOf',
          params: { valid: ['kommune'], sector: 'kommune', found: 'hospital' },
        },
        {
          row: 3,
          column: 'org.size',
          code: 'notSize',
          params: { found: 'x' },
        },
        {
          row: 4,
          column: 'organisation',
          code: 'unknownOrganisation',
          params: { name: 'Nowhere', round: 'file' },
        },
      ],
    });
    // Nothing was written.
    const view = await roundOrganisations(db, 'file');
    expect(view.organisations.find((o) => o.name === a)!.attributes.size).toBe(10_000);
    const good = await importAttributesFile(db, {
      roundName: 'file',
      text: `organisation,org.size\n${a},30000\n`,
      actor: 'admin',
    });
    expect(good).toEqual({ ok: true, value: { organisations: 1 } });
    const after = await roundOrganisations(db, 'file');
    expect(after.organisations.find((o) => o.name === a)).toMatchObject({
      sizeBand: 'medium',
      attributes: { type: 'kommune', size: 30_000, region: 'Sjælland' },
    });
  });

  it('a comparison set becomes the organisation’s comparison group, under k', async () => {
    const db = getDb();
    await importRoundOf(db, 'flis', await kommuner());
    const names = (await kommuner()).map((o) => o.name);
    const bad = await importComparisonSets(db, {
      roundName: 'flis',
      text: `organisation;comparison\n${names[0]};${names[0]}\n${names[0]};Nowhere\n`,
      actor: 'admin',
    });
    expect(bad).toMatchObject({
      ok: false,
      problems: [
        { row: 2, column: 'comparison', code: 'selfComparison' },
        {
          row: 3,
          column: 'comparison',
          code: 'unknownOrganisation',
          params: { name: 'Nowhere', round: 'flis' },
        },
      ],
    });
    // names[0]'s set: 11 others (12 with itself), half small and half large, so at least k
    // from every other group; names[1]'s: 2 others (too few).
    const pairs = [
      ...[...names.slice(1, 6), ...names.slice(12, 18)].map((n) => `${names[0]};${n}`),
      `${names[1]};${names[2]}`,
      `${names[1]};${names[3]}`,
    ];
    const ok = await importComparisonSets(db, {
      roundName: 'flis',
      text: `organisation;comparison\n${pairs.join('\n')}\n`,
      actor: 'admin',
    });
    expect(ok).toEqual({ ok: true, value: { organisations: 2, pairs: 13 } });
    const view = await roundOrganisations(db, 'flis');
    const id0 = view.organisations.find((o) => o.name === names[0])!.organisationId;
    const id1 = view.organisations.find((o) => o.name === names[1])!.organisationId;
    expect(view.comparisons.get(id0)).toHaveLength(11);
    const release = (await latestRelease(db, await requireRoundByName(db, 'flis')))!;
    const state = (id: number) => release.content.groups.find((g) => g.group === `comparison:${id}`)!;
    expect(state(id0)).toMatchObject({ status: 'published', publication: { size: 12 } });
    expect(state(id1)).toMatchObject({ status: 'not-shown', reason: 'too-few' });
    expect(await peersOf(db, 'flis', names[0]!)).toContain(`comparison:${id0}`);
    // Its report compares it with its comparison group first, and names every group in words.
    const report = await organisationReport(
      db,
      await requireRoundByName(db, 'flis'),
      (await getOrganisationByName(db, names[0]!))!,
      'da',
    );
    const labels = report.benchmark.groups.map((g) => g.label);
    expect(report.benchmark.comparison?.label).toBe('Jeres sammenligningsgruppe');
    expect(labels).toContain('Samme størrelse: Kommuner med under 20.000 indbyggere');
    expect(labels.every((l) => !/[?:]|similar|size/.test(l.replace('Samme størrelse: ', '')))).toBe(true);
    // Listed in names[0]'s set, names[12] is compared with its own groups only.
    expect((await peersOf(db, 'flis', names[12]!)).some((g) => g.startsWith('comparison:'))).toBe(false);
  });

  it('an invitee file sets attributes in the upload’s transaction, or refuses the whole file', async () => {
    const db = getDb();
    const { ref } = await dtOffentligSource();
    await storeInstrumentVersion(db, ref);
    await createRound(db, {
      name: 'invite',
      instrument: { id: ref.id, version: ref.version },
      title: { da: 'x' },
    });
    const round = await requireRoundByName(db, 'invite');
    const read = (text: string) => {
      const r = inviteeRows(
        text
          .trim()
          .split('\n')
          .map((l) => l.split(',')),
      );
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.rows;
    };
    // Another value for the same organisation is a problem of the file itself.
    const mixed = inviteeRows([
      ['organisation', 'sector', 'email', 'org.size'],
      ['A Kommune', 'kommune', 'a@x.dk', '30000'],
      ['A Kommune', 'kommune', 'b@x.dk', '31000'],
    ]);
    expect(mixed).toMatchObject({ ok: false, problems: [{ row: 3, column: 'org.size' }] });
    const wrong = read('organisation,sector,email,org.type\nA Kommune,kommune,a@x.dk,hospital');
    await expect(
      addInvitees(db, round, wrong, 'admin', inviteeAttributesWriter(round)),
    ).rejects.toMatchObject({
      problems: [
        {
          row: 2,
          column: 'org.type',
          code: 'typeNotOneOf',
          params: { valid: ['kommune'], sector: 'kommune', found: 'hospital' },
        },
      ],
    });
    expect(await roundOrganisations(db, 'invite')).toMatchObject({ organisations: [] });
    const rows = read(
      'organisation,sector,email,org.size,org.region\nA Kommune,kommune,a@x.dk,30000,Sjælland\nA Kommune,kommune,b@x.dk,,',
    );
    expect(await addInvitees(db, round, rows, 'admin', inviteeAttributesWriter(round))).toEqual({
      added: 2,
      unchanged: 0,
    });
    expect((await roundOrganisations(db, 'invite')).organisations).toMatchObject([
      { name: 'A Kommune', sizeBand: 'medium', attributes: { size: 30_000, region: 'Sjælland' } },
    ]);
  });

  it('the demo sets real attributes: size groups per sector, and most-similar clusters of known types and sizes', async () => {
    const db = getDb();
    await seedDemo(db);
    const round = await requireRoundByName(db, DEMO_ROUNDS.current);
    const ids = (await latestRelease(db, round))!.content.groups.map((g) => g.group);
    expect(ids.filter((g) => g.startsWith('size:kommune/'))).not.toHaveLength(0);
    const similar = ids.filter((g) => g.startsWith('similar:'));
    expect(similar).not.toHaveLength(0);
    expect(similar.every((g) => !g.includes('none') && !g.includes('?'))).toBe(true);
    const before = await roundOrganisations(db, DEMO_ROUNDS.previous);
    const now = await roundOrganisations(db, DEMO_ROUNDS.current);
    expect(now.organisations.every((o) => o.own && o.sizeBand !== null && o.attributes.region !== null)).toBe(
      true,
    );
    // A few kommuner grew between the years: each round keeps its own.
    const grown = now.organisations.filter(
      (o) => o.attributes.size !== before.organisations.find((b) => b.name === o.name)?.attributes.size,
    );
    expect(grown.length).toBeGreaterThan(0);
  });
});
