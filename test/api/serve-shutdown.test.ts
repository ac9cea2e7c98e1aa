/**
 * `pejling serve` as an operator runs it: after it has printed PDFs (Chromium running, charts
 * drawn), SIGTERM ends the process promptly and cleanly, so a service manager or a rolling
 * deploy never has to kill it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openApiDatabase } from '../../src/api/database.ts';
import { createApiToken } from '../../src/api/data/api-tokens.ts';
import { ROOT } from '../helpers.ts';
import { createTestTarget } from '../storage/backends.ts';

it('exits within seconds of SIGTERM after printing PDFs', { timeout: 180_000 }, async (test) => {
  const target = await createTestTarget('sqlite');
  test.onTestFinished(() => target.cleanup());
  if (target.config.backend !== 'sqlite') throw new Error('expected an embedded database');
  const dataDir = target.config.dataDir;
  const db = await openApiDatabase(target.config);
  const { token } = await createApiToken(db, { email: 'admin@example.dk', role: 'admin' });
  await db.close();

  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'pejling.js'), 'serve', '--demo', '--host', '127.0.0.1', '--port', '0'],
    {
      cwd: ROOT,
      env: { ...process.env, PEJLING_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    },
  );
  test.onTestFinished(() => void child.kill('SIGKILL'));
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });

  const url = `${base}/reports/demo-2026/organisations/${encodeURIComponent('Askeby Kommune')}/report.pdf`;
  for (let i = 0; i < 2; i++) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, output).toBe(200);
    expect(
      Buffer.from(await res.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  }

  const signalled = Date.now();
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
  expect(code, `still running 15 s after SIGTERM:\n${output}`).toBe(0);
  expect(Date.now() - signalled).toBeLessThan(15_000);
});
