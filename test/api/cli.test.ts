/**
 * The data commands as a user runs them: the real `pejling` binary in a child process, each
 * test on its own fresh database (SQLite via PEJLING_DATA_DIR; the round trip also on
 * PostgreSQL via DATABASE_URL). The same code paths on PostgreSQL are covered in depth by the
 * API tests; starting the CLI costs about a second, so the matrix here is kept small.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, type TestContext } from 'vitest';
import { openApiDatabase } from '../../src/api/database.ts';
import { parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import { hashToken, listRounds, type StorageConfig } from '../../src/storage/index.ts';
import { expectShownFigures, fixture, rawFigures, ROOT } from '../helpers.ts';
import { BACKENDS, createTestTarget, TEST_PG_URL, type Backend } from '../storage/backends.ts';
import { dtOffentligSource } from './helpers.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function envFor(config: StorageConfig): Record<string, string> {
  return config.backend === 'sqlite'
    ? { PEJLING_DATA_DIR: config.dataDir, DATABASE_URL: '' }
    : { DATABASE_URL: TEST_PG_URL, PEJLING_DB_SCHEMA: config.schema ?? 'public' };
}

/** Async, so that concurrent tests overlap their CLI runs. */
function pejling(env: Record<string, string>, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'pejling.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A fresh database for one test (removed when it ends), and the CLI pointed at it. */
async function freshDatabase(backend: Backend, test: TestContext) {
  const target = await createTestTarget(backend);
  test.onTestFinished(() => target.cleanup());
  const env = envFor(target.config);
  return {
    cli: (...args: string[]) => pejling(env, args),
    async withDb<T>(fn: (db: Awaited<ReturnType<typeof openApiDatabase>>) => Promise<T>): Promise<T> {
      const db = await openApiDatabase(target.config);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'pejling-cli-api-'));
const file = (name: string, content?: string) => {
  const path = join(dir, name);
  if (content !== undefined) writeFileSync(path, content);
  return path;
};

/** Each CLI run takes about a second of CPU; concurrent tests on a small machine queue up. */
const CLI_TIMEOUT = 120_000;

const FIXTURE = fixture('dt-three-orgs.csv');
const CSV = readFileSync(FIXTURE, 'utf8');
const HEADER = CSV.split('\n')[0]!;
const ROW = CSV.split('\n')[1]!.split(',');
const withCells = (changes: Record<number, string>) => ROW.map((c, i) => changes[i] ?? c).join(',');

for (const backend of BACKENDS) {
  describe.concurrent(`pejling import → export round trip [${backend}]`, { timeout: CLI_TIMEOUT }, () => {
    it('exports CSV, imports it into a new round and exports identical bytes; re-import changes nothing', async (test) => {
      const { cli, withDb } = await freshDatabase(backend, test);
      // A free-text answer a spreadsheet would run as a formula: exported with a leading apostrophe.
      const [head, ...rows] = CSV.trimEnd().split('\n');
      const formula = [`${head},reflection.comment`, ...rows.map((r) => `${r},"=cmd|' /C calc'!A0"`)].join(
        '\n',
      );
      const source = file(`${backend}-source.csv`, `${formula}\n`);
      const first = await cli('import', source, '--round', 'a');
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/into round a \(new round\)/);
      expect(first.stdout).toMatch(/organisations: 3 \(3 created\)/);
      expect(first.stdout).toMatch(/respondents: +5 \(5 created, 0 unchanged\)/);
      expect(first.stderr).toBe(''); // no progress bar when stderr is not a terminal

      const exportA = await cli('export', '--round', 'a', '--format', 'csv');
      expect(exportA.code, exportA.stderr).toBe(0);
      expect(exportA.stdout.split('\n')[1]).toMatch(/,'=cmd\|' \/C calc'!A0$/);
      const exported = file(`${backend}-a.csv`, exportA.stdout);
      expect((await cli('import', exported, '--round', 'b')).code).toBe(0);
      const outB = file(`${backend}-b.csv`);
      expect((await cli('export', '--round', 'b', '--format', 'csv', '--out', outB)).code).toBe(0);
      expect(readFileSync(outB)).toEqual(Buffer.from(exportA.stdout));

      const again = await cli('import', exported, '--round', 'b');
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/organisations: 3 \(0 created\)/);
      expect(again.stdout).toMatch(/respondents: +5 \(0 created, 5 unchanged\)/);
      expect(again.stdout).toMatch(/submissions: +0 written/);
      const counts = await withDb(async (db) => ({
        respondents: (await db.kysely.selectFrom('respondents').select('id').execute()).length,
        submissions: (await db.kysely.selectFrom('submissions').select('id').execute()).length,
      }));
      expect(counts).toEqual({ respondents: 10, submissions: 10 });
    });
  });
}

describe.concurrent('pejling import/export/report/token [sqlite]', { timeout: CLI_TIMEOUT }, () => {
  const backend = 'sqlite';

  it('rejects bad files with every problem, exit code 2, and writes nothing', async (test) => {
    const cases: [string, string[], RegExp][] = [
      ['malformed', [file('malformed.csv', `${HEADER}\n"Aabenraa,kommune,a1\n`)], /row \d+: not valid CSV/],
      [
        'wrong types',
        [file('types.csv', `${HEADER}\n${withCells({ 4: 'four', 5: '9' })}\n`)],
        /row 2, column E \(why\.importance\): "four" is not a whole number[\s\S]*row 2, column F \(why\.impact\.optimise\): 9 is outside 1–5/,
      ],
      [
        'huge cell',
        [file('huge.csv', `${HEADER}\n${withCells({ 0: 'x'.repeat(20_001) })}\n`)],
        /row 2, column A \(organisation\): cell is 20001 characters long; at most 20000 allowed/,
      ],
      [
        'unknown column',
        [file('columns.csv', `${HEADER},secret\n${ROW.join(',')},1\n`)],
        /unknown column: "secret"/,
      ],
      ['header only', [file('header.csv', `${HEADER}\n`)], /row 2: the file has a header but no respondents/],
      [
        'NUL character',
        [file('nul.csv', `${HEADER}\n${withCells({ 0: 'Aaben\u0000raa' })}\n`)],
        /row 2, column A \(organisation\): cell contains the NUL character/,
      ],
      ['unknown instrument', [FIXTURE, '--instrument', 'nope'], /No instrument "nope"/],
      ['missing file', [join(dir, 'missing.csv')], /file not found/],
      ['unsupported type', [file('data.txt', CSV)], /unsupported file type/],
      ['bad round name', [FIXTURE, '--round', 'no spaces'], /Round name "no spaces" must be/],
    ];
    await Promise.all(
      cases.map(async ([name, args, message]) => {
        const { cli, withDb } = await freshDatabase(backend, test);
        const run = await cli('import', ...args, ...(args.includes('--round') ? [] : ['--round', 'bad']));
        expect(run.code, `${name}: ${run.stderr}`).toBe(2);
        expect(run.stderr, name).toMatch(message);
        expect(run.stderr, name).not.toMatch(/\n\s+at /); // no stack trace
        expect(await withDb((db) => listRounds(db)), name).toEqual([]);
      }),
    );
  });

  it('exports JSON and XLSX, and refuses xlsx on stdout and unknown rounds with exit code 2', async (test) => {
    const { cli } = await freshDatabase(backend, test);
    await cli('import', FIXTURE, '--round', 'j');
    const json = await cli('export', '--round', 'j', '--format', 'json');
    expect(JSON.parse(json.stdout)).toMatchObject({
      round: 'j',
      organisations: [{ name: 'Aabenraa Kommune' }, {}, {}],
    });
    const xlsx = file('j.xlsx');
    expect((await cli('export', '--round', 'j', '--format', 'xlsx', '--out', xlsx)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(xlsx);
    expect(workbook.worksheets[0]!.rowCount).toBe(6);
    expect((await cli('import', xlsx, '--round', 'j2')).code).toBe(0);

    const noOut = await cli('export', '--round', 'j', '--format', 'xlsx');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/needs --out/);
    const unknown = await cli('export', '--round', 'nope', '--out', file('nope.csv'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/No round "nope"/);
    expect(() => readFileSync(file('nope.csv'))).toThrow(/ENOENT/);
  });

  it('reports the sector figures of a round, computed with the core', async (test) => {
    const { cli, withDb } = await freshDatabase(backend, test);
    await cli('import', FIXTURE, '--round', 's');
    const run = await cli('report', 'sector', '--round', 's', '--format', 'json');
    expect(run.code, run.stderr).toBe(0);
    const { instrument } = await dtOffentligSource();
    const parsed = parseExchangeCsv(instrument, CSV, 'x');
    if (!parsed.ok) throw new Error('fixture invalid');
    // The file has 3 organisations, fewer than the default k of 5: nothing but the count.
    expect(JSON.parse(run.stdout)).toMatchObject({
      round: 's',
      suppressed: true,
      k: 5,
      release: { number: 1 },
    });
    const lowered = await cli('release', '--round', 's', '--format', 'json');
    expect(lowered.code, lowered.stderr).toBe(0);
    await withDb((db) =>
      import('../../src/api/data/rounds.ts').then((m) => m.updateRound(db, 's', { kMin: 3 }, 'test')),
    );
    const at3 = await cli('report', 'sector', '--round', 's', '--format', 'json');
    expectShownFigures(JSON.parse(at3.stdout), rawFigures(instrument, 's', parsed.organisations));
    expect(JSON.parse(at3.stdout)).toMatchObject({ organisations: 3, release: { number: 3, k: 3 } });
    expect((await cli('report', 'sector', '--round', 'nope')).code).toBe(2);
  });

  it('writes an organisation report as HTML and PDF and exits when done', async (test) => {
    const { cli } = await freshDatabase(backend, test);
    expect((await cli('import', FIXTURE, '--round', 'o')).code).toBe(0);
    for (const format of ['html', 'pdf']) {
      const out = file(`report.${format}`);
      const started = Date.now();
      // Charts once left a timer running, so the command wrote its file and never exited.
      const run = await Promise.race([
        cli('report', 'org', 'Aabenraa Kommune', '--round', 'o', '--format', format, '--out', out),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 60_000)),
      ]);
      expect(run, `report org --format ${format} did not exit within 60 s`).not.toBeNull();
      expect(run!.code, run!.stderr).toBe(0);
      const written = readFileSync(out);
      if (format === 'pdf') expect(written.subarray(0, 5).toString()).toBe('%PDF-');
      else expect(written.toString()).toMatch(/<html[\s\S]*Aabenraa Kommune/);
      expect(Date.now() - started).toBeLessThan(60_000);
    }
  });

  it('creates API tokens, printed once and stored only as a hash', async (test) => {
    const { cli, withDb } = await freshDatabase(backend, test);
    const run = await cli(
      'token',
      'create',
      '--email',
      'Ana@Example.dk',
      '--role',
      'analyst',
      '--label',
      'reports',
    );
    expect(run.code, run.stderr).toBe(0);
    const token = run.stdout.trim();
    expect(token).toMatch(/^pjl_[A-Za-z0-9_-]{43}$/);
    expect(run.stderr).toMatch(/Created user ana@example\.dk \(analyst\)/);
    const stored = await withDb(async (db) => {
      const { apiKysely } = await import('../../src/api/data/schema.ts');
      return apiKysely(db).selectFrom('api_tokens').selectAll().execute();
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ token_hash: hashToken(token), label: 'reports', revoked_at: null });
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await cli('token', 'create', '--email', 'ana@example.dk', '--role', 'admin')).code).toBe(2);
    expect((await cli('token', 'create', '--email', 'x@example.dk', '--role', 'root')).code).toBe(2);
    expect((await cli('token', 'revoke', String(stored[0]!.id))).code).toBe(0);
    expect((await cli('token', 'revoke', String(stored[0]!.id))).code).toBe(2);
  });

  it('has help on every new command', async () => {
    for (const args of [['import'], ['export'], ['report', 'sector'], ['serve'], ['token', 'create']]) {
      const run = await pejling({}, [...args, '--help']);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage: pejling/);
    }
  });
});
