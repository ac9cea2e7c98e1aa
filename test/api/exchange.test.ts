/** Import, export and figures of a round through the API. */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { formatExchangeCsv, parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import { listRounds } from '../../src/storage/index.ts';
import { expectShownFigures, fixture, rawFigures } from '../helpers.ts';
import { describeEachBackend } from '../storage/backends.ts';
import { dtOffentligSource, startApi, type Api } from './helpers.ts';

const CSV = readFileSync(fixture('dt-three-orgs.csv'), 'utf8');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const upload = (api: Api, round: string, payload: string | Buffer, type = 'text/csv', query = '') =>
  api.call('admin', {
    method: 'POST',
    url: `/api/rounds/${round}/import${query}`,
    payload,
    headers: { 'content-type': type },
  });

describeEachBackend('API import and export', (getDb) => {
  it('imports a CSV once, changes nothing on re-import, and exports the exchange format', async () => {
    const db = getDb();
    const api = await startApi(db);
    const first = await upload(api, 'r1', CSV);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      round: 'r1',
      roundCreated: true,
      organisations: 3,
      respondents: 5,
      organisationsCreated: 3,
      respondentsCreated: 5,
      submissionsCreated: 5,
    });
    const again = await upload(api, 'r1', CSV);
    expect(again.json()).toMatchObject({
      roundCreated: false,
      respondentsCreated: 0,
      submissionsCreated: 0,
      unchanged: 5,
    });

    const { instrument } = await dtOffentligSource();
    const parsed = parseExchangeCsv(instrument, CSV, 'x.csv');
    if (!parsed.ok) throw new Error('fixture invalid');

    const csv = await api.call('admin', { url: '/api/rounds/r1/export?format=csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="pejling-r1.csv"');
    expect(csv.body).toBe(formatExchangeCsv(instrument, parsed.organisations));

    const jsonExport = await api.call('admin', { url: '/api/rounds/r1/export?format=json' });
    expect(jsonExport.headers['content-type']).toBe('application/json; charset=utf-8');
    const data = jsonExport.json();
    expect(data).toMatchObject({
      format: 'pejling-exchange/1',
      round: 'r1',
      instrument: { id: 'dt-offentlig' },
    });
    expect(data.organisations).toEqual(JSON.parse(JSON.stringify(parsed.organisations)));

    const xlsx = await api.call('admin', { url: '/api/rounds/r1/export?format=xlsx' });
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="pejling-r1.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(6);
    expect(sheet.getRow(2).getCell(1).value).toBe('Aabenraa Kommune');
    expect(sheet.getRow(2).getCell(5).value).toBe(4);

    // The XLSX export imports into a new round and exports the same CSV.
    const fromXlsx = await upload(api, 'r2', xlsx.rawPayload, XLSX);
    expect(fromXlsx.statusCode).toBe(200);
    expect((await api.call('admin', { url: '/api/rounds/r2/export' })).body).toBe(csv.body);

    // The Danish Excel variant: BOM, semicolons; it imports into a new round as the same data,
    // and the import says how it read the file.
    const excel = await api.call('admin', { url: '/api/rounds/r1/export?format=csv-excel-da' });
    expect(excel.headers['content-disposition']).toBe('attachment; filename="pejling-r1-excel.csv"');
    expect(excel.body.startsWith('\uFEFForganisation;sector;respondent;')).toBe(true);
    const fromExcel = await upload(api, 'r3', excel.rawPayload);
    expect(fromExcel.statusCode, fromExcel.body).toBe(200);
    expect(fromExcel.json().readAs).toMatchObject({ delimiter: ';' });
    expect(first.json().readAs).toMatchObject({ delimiter: ',' });
    expect((await api.call('admin', { url: '/api/rounds/r3/export' })).body).toBe(csv.body);

    // A header alone is refused: it would report success and change nothing.
    const headerOnly = await upload(api, 'r4', `${CSV.split('\n')[0]}\n`);
    expect(headerOnly.statusCode).toBe(422);
    expect(headerOnly.json().errors).toEqual([
      expect.objectContaining({
        row: 2,
        message: 'the file has a header but no respondents: nothing to import',
      }),
    ]);
    expect((await listRounds(db)).map((r) => r.name)).not.toContain('r4');
  });

  it('computes the sector figures of the spec from the database with the core', async () => {
    const db = getDb();
    const api = await startApi(db);
    await upload(api, 'r1', CSV);
    await api.assignAnalyst('r1');
    // Three organisations are fewer than the default k = 5: no figures at all.
    const tooFew = await api.call('analyst', { url: '/api/rounds/r1/sector' });
    expect(tooFew.statusCode).toBe(409);
    expect(tooFew.json()).toMatchObject({ type: 'urn:pejling:problem:too-few-organisations' });
    const lowered = await api.call('admin', {
      method: 'PATCH',
      url: '/api/rounds/r1',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ kMin: 3 }),
    });
    expect(lowered.statusCode).toBe(200);
    const res = await api.call('analyst', { url: '/api/rounds/r1/sector' });
    expect(res.statusCode).toBe(200);
    const { instrument } = await dtOffentligSource();
    const parsed = parseExchangeCsv(instrument, CSV, 'x.csv');
    if (!parsed.ok) throw new Error('fixture invalid');
    // Lowering k made a release: what k = 3 allows is shown, exactly as computed.
    expectShownFigures(res.json(), rawFigures(instrument, 'r1', parsed.organisations));
    expect(res.json()).toMatchObject({ round: 'r1', organisations: 3, respondents: 5 });
    expect(Object.keys(res.json())).toEqual(
      expect.arrayContaining(['importance', 'impact', 'domains', 'competencies', 'stages']),
    );
  });

  it('rejects bad files with every problem (row and column) and writes nothing', async () => {
    const db = getDb();
    const api = await startApi(db);
    const header = CSV.split('\n')[0]!;
    const row = CSV.split('\n')[1]!.split(',');
    const withCells = (changes: Record<number, string>) => row.map((c, i) => changes[i] ?? c).join(',');

    const cases: { name: string; body: string | Buffer; type?: string; expect: RegExp }[] = [
      { name: 'malformed', body: `${header}\n"Aabenraa,kommune,a1\n`, expect: /not valid CSV/ },
      {
        name: 'wrong types',
        body: `${header}\n${withCells({ 4: 'four', 5: '9' })}\n`,
        expect: /not a whole number/,
      },
      {
        name: 'huge cell',
        body: `${header}\n${withCells({ 0: 'x'.repeat(20_001) })}\n`,
        expect: /at most 20000/,
      },
      {
        name: 'unknown column',
        body: `${header},secret.column\n${row.join(',')},1\n`,
        expect: /unknown column/,
      },
      { name: 'not UTF-8', body: Buffer.from([0x6f, 0xff, 0xfe, 0x0a]), expect: /not valid UTF-8/ },
      { name: 'not XLSX', body: Buffer.from('PK not really'), type: XLSX, expect: /not a readable XLSX/ },
    ];
    for (const c of cases) {
      const res = await upload(api, 'bad', c.body, c.type);
      expect(res.statusCode, c.name).toBe(422);
      const problem = res.json();
      expect(problem.type, c.name).toBe('urn:pejling:problem:invalid-file');
      expect(problem.errors.map((e: { message: string }) => e.message).join('\n'), c.name).toMatch(c.expect);
      for (const e of problem.errors) expect(e).toMatchObject({ in: 'file', row: expect.any(Number) });
    }
    const types = (await upload(api, 'bad', `${header}\n${withCells({ 4: 'four', 5: '9' })}\n`)).json();
    expect(
      types.errors.map(
        (e: { row: number; column: string; field: string }) => `${e.row}${e.column}:${e.field}`,
      ),
    ).toEqual(['2E:why.importance', '2F:why.impact.optimise']);

    expect((await upload(api, 'bad', CSV, 'text/csv', '?instrument=nope')).statusCode).toBe(404);
    expect((await upload(api, 'bad', CSV, 'application/pdf')).statusCode).toBe(415);
    expect(await listRounds(db)).toEqual([]);
    const organisations = await db.kysely.selectFrom('organisations').select('name').execute();
    expect(organisations.map((o) => o.name)).toEqual(['Lead Kommune']); // the org lead's, from startApi
    expect(await db.kysely.selectFrom('respondents').select('id').execute()).toEqual([]);
  });

  it('exports formula-like text with a leading apostrophe, and imports it back unchanged', async () => {
    const db = getDb();
    const api = await startApi(db);
    const header = `${CSV.split('\n')[0]},reflection.comment`;
    const line = `${CSV.split('\n')[1]},"=cmd|' /C calc'!A0"`;
    const res = await upload(api, 'f1', `${header}\n${line}\n`);
    expect(res.statusCode).toBe(200);
    const exported = (await api.call('admin', { url: '/api/rounds/f1/export' })).body;
    expect(exported).toContain(`,,,,'=cmd|' /C calc'!A0\n`);
    const json = (await api.call('admin', { url: '/api/rounds/f1/export?format=json' })).json();
    expect(json.organisations[0].respondents[0].answers['reflection.comment']).toBe("=cmd|' /C calc'!A0");

    await upload(api, 'f2', exported);
    expect((await api.call('admin', { url: '/api/rounds/f2/export' })).body).toBe(exported);
  });

  it('takes large files (beyond the default body limit) with a charset parameter', async () => {
    const db = getDb();
    const api = await startApi(db);
    const [head, ...rows] = CSV.trimEnd().split('\n');
    const many = [
      head,
      ...Array.from({ length: 3_000 }, (_, i) => rows[i % rows.length]!.replace(/,([abc]\d),/, `,$1-${i},`)),
    ];
    const body = `${many.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(256 * 1024);
    const res = await upload(api, 'big', body, 'text/csv; charset=utf-8');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ organisations: 3, respondents: 3_000, submissionsCreated: 3_000 });
    const exported = await api.call('admin', { url: '/api/rounds/big/export' });
    expect(exported.body.trimEnd().split('\n')).toHaveLength(3_001);
  });

  it('refuses an import that contradicts what is stored (409) and an unknown round export (404)', async () => {
    const db = getDb();
    const api = await startApi(db);
    await upload(api, 'r1', CSV);
    const otherSector = CSV.replace(/Region Syd,region/g, 'Region Syd,stat');
    const res = await upload(api, 'r2', otherSector);
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/Region Syd.*sector region/);
    expect((await listRounds(db)).map((r) => r.name)).toEqual(['r1']);
    expect((await api.call('admin', { url: '/api/rounds/none/export' })).statusCode).toBe(404);
    expect((await api.call('admin', { url: '/api/rounds/none/sector' })).statusCode).toBe(404);
  });
});
