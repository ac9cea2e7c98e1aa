/** `pejling user add` and `pejling export open-data`, run as a user would. */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ROOT } from '../helpers.ts';
import { pejling } from '../cli/run.ts';

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pejling-cli-accounts-'));
  env = { PEJLING_DATA_DIR: dir, DATABASE_URL: '', PEJLING_PUBLIC_URL: 'https://pejling.example.dk' };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

it(
  'adds an administrator and prints a one-time password link (only its hash is stored)',
  { timeout: 60_000 },
  async () => {
    const r = pejling(['user', 'add', '--role', 'admin', 'Boss@Example.dk'], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^https:\/\/pejling\.example\.dk\/admin\/set-password\/[A-Za-z0-9_-]{43}\n$/);
    expect(r.stderr).toContain('boss@example.dk (admin)');
    const token = r.stdout.trim().split('/').pop()!;
    expect(await readFile(join(dir, 'pejling.db'))).not.toContain(Buffer.from(token));
    expect(pejling(['user', 'add', '--role', 'org_lead', 'x@example.dk'], env).code).toBe(2);
  },
);

it(
  'lists, disables and invites again from the command line, keeping the last administrator',
  { timeout: 60_000 },
  async () => {
    expect(pejling(['user', 'add', '--role', 'admin', 'boss@example.dk'], env).code).toBe(0);
    expect(pejling(['user', 'add', '--role', 'analyst', 'ana@example.dk'], env).code).toBe(0);
    const refused = pejling(['user', 'disable', 'boss@example.dk'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('last active administrator');
    expect(pejling(['user', 'disable', 'ana@example.dk'], env).code).toBe(0);
    expect(pejling(['user', 'disable', 'nobody@example.dk'], env).code).toBe(2);
    const list = pejling(['user', 'list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('ana@example.dk\tanalyst\t-\tdisabled\tnever');
    expect(list.stdout).toContain('boss@example.dk\tadmin\t-\tinvited\tnever');
    const again = pejling(['user', 'reinvite', 'ana@example.dk'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^https:\/\/pejling\.example\.dk\/admin\/set-password\/[A-Za-z0-9_-]{43}\n$/,
    );
    expect(pejling(['user', 'list'], env).stdout).toContain('ana@example.dk\tanalyst\t-\tinvited');
  },
);

it('writes the open data set of a round to a directory', { timeout: 60_000 }, async () => {
  expect(pejling(['import', join(ROOT, 'test/fixtures/dt-three-orgs.csv'), '--round', 'r1'], env).code).toBe(
    0,
  );
  const out = join(dir, 'open');
  const r = pejling(['export', 'open-data', '--round', 'r1', '--out', out], env);
  expect(r.code).toBe(0);
  expect((await readdir(out)).sort()).toEqual([
    'datapackage.json',
    'dictionary.csv',
    'distributions.csv',
    'figures.csv',
    'groups.csv',
    'quantiles.csv',
  ]);
  // Three organisations, k = 5: nothing but the headers.
  expect(await readFile(join(out, 'groups.csv'), 'utf8')).toBe('round,group,organisations,release\n');
  expect(pejling(['export', 'open-data', '--round', 'nope', '--out', out], env).code).toBe(2);
});
