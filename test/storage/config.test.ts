import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StorageConfigError, loadStorageConfig, redactUrl } from '../../src/storage/index.ts';

describe('loadStorageConfig', () => {
  it('defaults to SQLite under ./data', () => {
    expect(loadStorageConfig({})).toEqual({ backend: 'sqlite', dataDir: resolve('data') });
    expect(loadStorageConfig({ PEJLING_DATA_DIR: '/var/lib/pejling', DATABASE_URL: '' })).toEqual({
      backend: 'sqlite',
      dataDir: '/var/lib/pejling',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(
      loadStorageConfig({ DATABASE_URL: 'postgres://u:p@db:5432/pejling', PEJLING_DB_SCHEMA: 'app' }),
    ).toEqual({
      backend: 'postgres',
      url: 'postgres://u:p@db:5432/pejling',
      schema: 'app',
    });
    expect(loadStorageConfig({ DATABASE_URL: 'postgresql://db/pejling' }).backend).toBe('postgres');
  });

  it.each([
    ['not a url', /not a valid URL/],
    ['mysql://u:secret@db/x', /must be a PostgreSQL URL/],
    ['postgres:///x', /has no host/],
  ])('rejects DATABASE_URL=%s without echoing it', (url, message) => {
    let error: unknown;
    try {
      loadStorageConfig({ DATABASE_URL: url });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StorageConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('secret');
  });

  it('rejects a bad schema name', () => {
    expect(() =>
      loadStorageConfig({ DATABASE_URL: 'postgres://db/x', PEJLING_DB_SCHEMA: 'x; drop' }),
    ).toThrow(StorageConfigError);
  });

  it('redacts passwords', () => {
    expect(redactUrl('postgres://u:secret@db/x')).toBe('postgres://u:***@db/x');
  });
});
