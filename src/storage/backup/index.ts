/** Backup and restore: one portable file for the whole database (see format.ts, docs/storage.md). */
export { backupDatabase, type BackupOptions, type BackupProgress, type BackupSummary } from './backup.ts';
export { restoreDatabase, type RestoreOptions, type RestoreSummary } from './restore.ts';
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupDamagedError,
  BackupRefusedError,
  type BackupHeader,
  type BackupTableHeader,
  type ColumnKind,
} from './format.ts';
