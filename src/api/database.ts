/** Opens the database the way the API and its CLI commands need it (all migrations run on open). */
import {
  loadStorageConfig,
  openDatabase,
  type Database,
  type OpenOptions,
  type StorageConfig,
} from '../storage/index.ts';

export function openApiDatabase(
  config: StorageConfig = loadStorageConfig(),
  options: OpenOptions = {},
): Promise<Database> {
  return openDatabase(config, options);
}
