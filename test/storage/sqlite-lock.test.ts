/** The embedded database belongs to one process at a time, and a killed holder frees it. */
import { describe, expect, it } from 'vitest';
import { DatabaseInUseError, openDatabase } from '../../src/storage/index.ts';
import { BACKENDS, createTestTarget } from './backends.ts';
import { collect, exited, ready, spawnScript } from './child.ts';

describe.runIf(BACKENDS.includes('sqlite'))('embedded database ownership [sqlite]', () => {
  it('refuses a second process, and is free again after the holder is SIGKILLed', async () => {
    const target = await createTestTarget('sqlite');
    try {
      // This process holds it: another process is refused with the clear message.
      const db = await openDatabase(target.config);
      const refused = spawnScript('./hold-database.ts', target.config);
      const refusedOut = collect(refused);
      expect((await exited(refused)).code).toBe(3);
      expect(refusedOut.stderr).toContain('is in use by another Pejling process');
      expect(refusedOut.stderr).toContain('DATABASE_URL');
      await db.close();

      // Another process holds it: we are refused, at once.
      const holder = spawnScript('./hold-database.ts', target.config);
      const holderOut = collect(holder);
      await ready(holder, holderOut);
      const started = performance.now();
      const error = await openDatabase(target.config).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(DatabaseInUseError);
      expect((error as Error).message).toMatch(
        /^The embedded database .*pejling\.db is in use by another Pejling process/,
      );
      expect(performance.now() - started).toBeLessThan(1000);

      // The OS drops the lock with the process, even on SIGKILL.
      holder.kill('SIGKILL');
      expect((await exited(holder)).signal).toBe('SIGKILL');
      const reopened = await openDatabase(target.config);
      expect(reopened.migrationsApplied).toEqual([]);
      await reopened.close();
    } finally {
      await target.cleanup();
    }
  }, 30_000);
});
