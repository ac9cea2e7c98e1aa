/**
 * Organisations' attributes and comparison sets in a round, shared by the organisations page,
 * the CLI and the exchange import: validated against the round's instrument (valid types per
 * sector, size bands from size), written all-or-nothing and audited. A change of peers reaches
 * the figures with the next release: made at once when the round has releases already (the
 * release's own rules then decide what each group shows).
 */
import { parse } from 'csv-parse/sync';
import { detectDelimiter } from '../../core/exchange/dialect.ts';
import type { OrganisationData } from '../../core/exchange/types.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import {
  attributeOfColumn,
  attributeProblem,
  attributesFromCells,
  isAttributeKey,
  mergeAttributes,
  NO_ATTRIBUTES,
  organisationRules,
  sizeBandOf,
  MAX_ATTRIBUTE_LENGTH,
  typesOf,
  type OrganisationAttributes,
} from '../../core/organisations/attributes.ts';
import { fileProblem, type FileProblem } from '../../core/exchange/file-problems.ts';
import {
  appendAudit,
  ImportError,
  InvalidInputError,
  latestReleaseHead,
  listComparisonSets,
  listRoundAttributes,
  NotFoundError,
  replaceComparisonSets,
  requireRoundByName,
  setRoundAttributes,
  type Db,
  type Round,
  type RoundOrganisationAttributes,
} from '../../storage/index.ts';
import type { InviteeAttributesWriter } from '../../rounds/invitations.ts';
import { instrumentOf } from './instruments.ts';
import { makeRelease } from './releases.ts';

export type FileResult<T> = { ok: true; value: T } | { ok: false; problems: FileProblem[] };

export interface RoundOrganisationsView {
  readonly round: Round;
  readonly instrument: Instrument;
  readonly organisations: readonly RoundOrganisationAttributes[];
  /** Per organisation id: the names of its comparison organisations. */
  readonly comparisons: ReadonlyMap<number, readonly string[]>;
}

export async function roundOrganisations(db: Db, roundName: string): Promise<RoundOrganisationsView> {
  const round = await requireRoundByName(db, roundName);
  const instrument = await instrumentOf(db, round.instrument);
  const organisations = await listRoundAttributes(db, round.id);
  const nameOf = new Map(organisations.map((o) => [o.organisationId, o.name]));
  const comparisons = new Map(
    (await listComparisonSets(db, round.id)).map((s) => [
      s.organisation,
      s.members.map((m) => nameOf.get(m) ?? String(m)),
    ]),
  );
  return { round, instrument, organisations, comparisons };
}

/** What names a round's peer groups in plain words: its size limits and organisations' names. */
export async function groupLabelContext(
  db: Db,
  round: Round,
): Promise<{ instrument: Instrument; nameOf: (organisation: number) => string | undefined }> {
  const instrument = await instrumentOf(db, round.instrument);
  const names = new Map((await listRoundAttributes(db, round.id)).map((o) => [o.organisationId, o.name]));
  return { instrument, nameOf: (id) => names.get(id) };
}

/** Problems of a change to one organisation's attributes (field by field), or none. */
function changeProblems(
  instrument: Instrument,
  sector: string,
  cells: Readonly<Record<string, string>>,
): FileProblem[] {
  const rules = organisationRules(instrument);
  const out: FileProblem[] = [];
  for (const [key, value] of Object.entries(cells)) {
    if (!isAttributeKey(key)) out.push(fileProblem(0, key, 'attributeName', { key }));
    const v = value.trim();
    // The core says what is wrong (attributeProblem); the edges say it in their language.
    if (v === '' || attributeProblem(rules, sector, key, v) === null) continue;
    const valid = typesOf(rules, sector);
    out.push(
      v.length > MAX_ATTRIBUTE_LENGTH
        ? fileProblem(0, key, 'tooLong', { max: MAX_ATTRIBUTE_LENGTH, length: v.length })
        : key === 'type'
          ? valid.length === 0
            ? fileProblem(0, key, 'noTypes', { sector, found: v })
            : fileProblem(0, key, 'typeNotOneOf', { valid, sector, found: v })
          : fileProblem(0, key, 'notSize', { found: v }),
    );
  }
  return out;
}

const withBand = (
  instrument: Instrument,
  sector: string,
  organisationId: number,
  a: OrganisationAttributes,
) => ({
  organisationId,
  attributes: a,
  sizeBand: sizeBandOf(organisationRules(instrument), sector, a.size),
});

/**
 * A closed round's peer groups are final (its final release is what last year's reports
 * show): its attributes and comparison sets change only after it is reopened.
 */
export const closedProblem = (round: Round): FileProblem =>
  fileProblem(0, undefined, 'roundFinal', { round: round.name });

async function releaseIfReleased(db: Db, round: Round): Promise<void> {
  if (await latestReleaseHead(db, round.id)) await makeRelease(db, round, 'manual', { onlyIfChanged: true });
}

/**
 * Sets attributes of one organisation in the round: `cells` by attribute key (`type`, `size`,
 * `region`, any other), '' to clear one; keys not given are left as they are.
 */
export async function setOrganisationAttributes(
  db: Db,
  input: {
    roundName: string;
    organisation: string;
    cells: Readonly<Record<string, string>>;
    actor: string;
  },
): Promise<{ ok: true; organisation: RoundOrganisationAttributes } | { ok: false; problems: FileProblem[] }> {
  const round = await requireRoundByName(db, input.roundName);
  if (round.status === 'closed') return { ok: false, problems: [closedProblem(round)] };
  const instrument = await instrumentOf(db, round.instrument);
  const result = await db.transaction(async (tx) => {
    const org = (await listRoundAttributes(tx, round.id)).find((o) => o.name === input.organisation);
    if (!org) throw new NotFoundError('organisation', `${input.organisation} in round ${round.name}`);
    const problems = changeProblems(instrument, org.sector, input.cells);
    if (problems.length > 0) return { ok: false as const, problems };
    const next = mergeAttributes(org.attributes, attributesFromCells(input.cells));
    const row = withBand(instrument, org.sector, org.organisationId, next);
    await setRoundAttributes(tx, round.id, [row]);
    await appendAudit(tx, {
      actor: input.actor,
      action: 'organisation.attributes',
      subject: `round:${round.name}`,
      details: { organisation: org.name, ...input.cells },
    });
    return {
      ok: true as const,
      organisation: { ...org, attributes: next, sizeBand: row.sizeBand, own: true },
    };
  });
  if (result.ok) await releaseIfReleased(db, round);
  return result;
}

function readCsv(text: string): FileResult<string[][]> {
  if (text.includes('\uFFFD')) return { ok: false, problems: [fileProblem(1, undefined, 'notUtf8')] };
  try {
    const rows = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    return { ok: true, value: rows };
  } catch (err) {
    return {
      ok: false,
      problems: [fileProblem((err as { lines?: number }).lines ?? 1, undefined, 'notCsv')],
    };
  }
}

const MAX_ROWS = 100_000;
const ATTRIBUTE_COLUMNS = ['org.type', 'org.size', 'org.region', 'org.<…>'];

/**
 * An attributes file: `organisation`, then `org.type`, `org.size`, `org.region`, `org.<key>`
 * columns (any of them), one row per organisation of the round. All or nothing.
 */
export async function importAttributesFile(
  db: Db,
  input: { roundName: string; text: string; actor: string },
): Promise<FileResult<{ organisations: number }>> {
  const round = await requireRoundByName(db, input.roundName);
  if (round.status === 'closed') return { ok: false, problems: [closedProblem(round)] };
  const instrument = await instrumentOf(db, round.instrument);
  const read = readCsv(input.text);
  if (!read.ok) return read;
  const [head = [], ...body] = read.value;
  const header = head.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
  const problems: FileProblem[] = [];
  if (header[0] !== 'organisation')
    problems.push(fileProblem(1, header[0] || undefined, 'firstColumn', { column: 'organisation' }));
  const keys = new Map<number, string>();
  header.slice(1).forEach((h, i) => {
    const key = attributeOfColumn(h);
    if (key === null)
      problems.push(fileProblem(1, h, 'unknownColumn', { column: h, valid: ATTRIBUTE_COLUMNS }));
    else if ([...keys.values()].includes(key)) problems.push(fileProblem(1, h, 'columnTwice', { column: h }));
    else keys.set(i + 1, key);
  });
  if (keys.size === 0 && problems.length === 0)
    problems.push(fileProblem(1, undefined, 'noAttributeColumns', { valid: ATTRIBUTE_COLUMNS }));
  if (body.length > MAX_ROWS)
    problems.push(fileProblem(MAX_ROWS + 2, undefined, 'tooManyRows', { max: MAX_ROWS }));
  if (problems.length > 0) return { ok: false, problems };

  return db
    .transaction(async (tx) => {
      const orgs = new Map((await listRoundAttributes(tx, round.id)).map((o) => [o.name, o]));
      const seen = new Map<string, number>();
      const rows: ReturnType<typeof withBand>[] = [];
      body.forEach((cells, i) => {
        const row = i + 2;
        if (cells.every((c) => c.trim() === '')) return;
        const name = (cells[0] ?? '').trim();
        const org = orgs.get(name);
        if (!org) {
          problems.push(
            name === ''
              ? fileProblem(row, 'organisation', 'required')
              : fileProblem(row, 'organisation', 'unknownOrganisation', { name, round: round.name }),
          );
          return;
        }
        if (seen.has(name)) {
          problems.push(
            fileProblem(row, 'organisation', 'organisationAgain', { name, row: seen.get(name)! }),
          );
          return;
        }
        seen.set(name, row);
        const given: Record<string, string> = {};
        for (const [c, key] of keys) given[key] = (cells[c] ?? '').trim();
        for (const p of changeProblems(instrument, org.sector, given))
          problems.push({ ...p, row, column: `org.${p.column}` });
        const next = mergeAttributes(org.attributes, attributesFromCells(given));
        rows.push(withBand(instrument, org.sector, org.organisationId, next));
      });
      if (problems.length > 0) return { ok: false as const, problems };
      if (rows.length === 0) return { ok: false as const, problems: [fileProblem(2, undefined, 'noRows')] };
      await setRoundAttributes(tx, round.id, rows);
      await appendAudit(tx, {
        actor: input.actor,
        action: 'organisation.attributes-import',
        subject: `round:${round.name}`,
        details: { organisations: rows.length },
      });
      return { ok: true as const, value: { organisations: rows.length } };
    })
    .then(async (r) => {
      if (r.ok) await releaseIfReleased(db, round);
      return r;
    });
}

/**
 * A comparison-set file: one row per pair, columns `organisation` and `comparison` (the
 * organisation and one of its comparison organisations, as KL lists them). Replaces every
 * comparison set of the round. All or nothing.
 */
export async function importComparisonSets(
  db: Db,
  input: { roundName: string; text: string; actor: string },
): Promise<FileResult<{ organisations: number; pairs: number }>> {
  const round = await requireRoundByName(db, input.roundName);
  if (round.status === 'closed') return { ok: false, problems: [closedProblem(round)] };
  const read = readCsv(input.text);
  if (!read.ok) return read;
  const [head = [], ...body] = read.value;
  const header = head.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim().toLowerCase());
  if (header[0] !== 'organisation' || header[1] !== 'comparison' || header.length !== 2)
    return {
      ok: false,
      problems: [fileProblem(1, undefined, 'pairColumns', { valid: ['organisation', 'comparison'] })],
    };
  const problems: FileProblem[] = [];
  return db
    .transaction(async (tx) => {
      const ids = new Map((await listRoundAttributes(tx, round.id)).map((o) => [o.name, o.organisationId]));
      const sets = new Map<number, Set<number>>();
      const seen = new Map<string, number>();
      body.forEach((cells, i) => {
        const row = i + 2;
        if (cells.every((c) => c.trim() === '')) return;
        const [a = '', b = ''] = cells.map((c) => c.trim());
        const of = (name: string, column: string) => {
          const id = ids.get(name);
          if (id === undefined)
            problems.push(
              name === ''
                ? fileProblem(row, column, 'required')
                : fileProblem(row, column, 'unknownOrganisation', { name, round: round.name }),
            );
          return id;
        };
        const owner = of(a, 'organisation');
        const member = of(b, 'comparison');
        if (owner === undefined || member === undefined) return;
        if (owner === member) {
          problems.push(fileProblem(row, 'comparison', 'selfComparison'));
          return;
        }
        const key = `${owner}:${member}`;
        if (seen.has(key)) {
          problems.push(fileProblem(row, 'comparison', 'samePair', { row: seen.get(key)! }));
          return;
        }
        seen.set(key, row);
        let set = sets.get(owner);
        if (!set) sets.set(owner, (set = new Set()));
        set.add(member);
      });
      if (problems.length > 0) return { ok: false as const, problems };
      const list = [...sets].map(([organisation, members]) => ({
        organisation,
        members: [...members].sort((x, y) => x - y),
      }));
      await replaceComparisonSets(tx, round.id, list);
      const pairs = list.reduce((n, s) => n + s.members.length, 0);
      await appendAudit(tx, {
        actor: input.actor,
        action: 'organisation.comparisons-import',
        subject: `round:${round.name}`,
        details: { organisations: list.length, pairs },
      });
      return { ok: true as const, value: { organisations: list.length, pairs } };
    })
    .then(async (r) => {
      if (r.ok) await releaseIfReleased(db, round);
      return r;
    });
}

/**
 * For an invitation upload (src/rounds/invitations.ts): validates and writes the file's
 * `org.*` cells in the upload's transaction; problems (by row and column) undo the upload.
 */
export function inviteeAttributesWriter(round: Round): InviteeAttributesWriter {
  return async (tx, organisations) => {
    const instrument = await instrumentOf(tx, round.instrument);
    const current = new Map((await listRoundAttributes(tx, round.id)).map((o) => [o.organisationId, o]));
    const problems: FileProblem[] = [];
    const rows: ReturnType<typeof withBand>[] = [];
    for (const o of organisations) {
      const found = changeProblems(instrument, o.sector, o.cells);
      for (const p of found) problems.push({ ...p, row: o.row, column: `org.${p.column}` });
      if (found.length > 0) continue;
      const base = current.get(o.organisationId)?.attributes ?? NO_ATTRIBUTES;
      rows.push(
        withBand(instrument, o.sector, o.organisationId, mergeAttributes(base, attributesFromCells(o.cells))),
      );
    }
    if (problems.length === 0) await setRoundAttributes(tx, round.id, rows);
    return problems;
  };
}

/**
 * The attributes an exchange import carries (`org.*` columns), in the import's transaction:
 * validated by the parser already; merged into what the round has.
 */
export async function writeImportedAttributes(
  tx: Db,
  instrument: Instrument,
  roundId: number,
  status: Round['status'],
  organisations: readonly OrganisationData[],
): Promise<number> {
  const carrying = organisations.filter((o) => o.attributes !== undefined);
  if (carrying.length === 0) return 0;
  const current = new Map((await listRoundAttributes(tx, roundId)).map((o) => [o.name, o]));
  const rows = carrying.flatMap((o) => {
    const org = current.get(o.name);
    if (!org) throw new InvalidInputError(`Organisation ${JSON.stringify(o.name)} is not in the round`);
    const next = mergeAttributes(org.attributes, o.attributes!);
    // Re-importing what the round has changes nothing (and no release follows).
    if (org.own && sameAttributes(org.attributes, next)) return [];
    return [withBand(instrument, org.sector, org.organisationId, next)];
  });
  if (rows.length > 0 && status === 'closed')
    throw new ImportError(
      `The round is closed; the import would change the attributes of ${rows.length} organisations (reopen it first)`,
    );
  await setRoundAttributes(tx, roundId, rows);
  return rows.length;
}

const sameAttributes = (a: OrganisationAttributes, b: OrganisationAttributes) =>
  a.type === b.type &&
  a.size === b.size &&
  a.region === b.region &&
  JSON.stringify(Object.entries(a.extra).sort()) === JSON.stringify(Object.entries(b.extra).sort());
