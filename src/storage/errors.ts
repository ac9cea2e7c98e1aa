/**
 * Errors the data layer raises on purpose. Each has a stable `code` so the CLI and the API
 * can map it to a message or status without matching on text.
 */

export abstract class StorageError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class StorageConfigError extends StorageError {
  readonly code = 'STORAGE_CONFIG';
}

export class DatabaseInUseError extends StorageError {
  readonly code = 'DATABASE_IN_USE';
  constructor(
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(
      `The embedded database ${path} is in use by another Pejling process. ` +
        'Stop that process, or run several instances on PostgreSQL (DATABASE_URL).',
      options,
    );
  }
}

/** The database could not be opened or reached. */
export class DatabaseConnectionError extends StorageError {
  readonly code: string = 'DATABASE_CONNECTION';
}

/**
 * The database went away while running: PostgreSQL stopped, restarting, unreachable or out of
 * connections. Transient: the same request may succeed once it is back (the pool reconnects by
 * itself). `reason` is the driver's code (`57P01`, `ECONNREFUSED`, …) or a short label.
 */
export class DatabaseUnavailableError extends DatabaseConnectionError {
  override readonly code: string = 'DATABASE_UNAVAILABLE';
  constructor(
    readonly reason: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * The disk (or volume) holding the database has no room left: nothing of the failed write was
 * stored and the database is intact. Writes work again once there is space; no restart needed.
 */
export class DiskFullError extends StorageError {
  readonly code = 'DISK_FULL';
  constructor(
    /** The SQLite file, or the PostgreSQL URL without its password. */
    readonly location: string,
    options?: ErrorOptions,
  ) {
    super(
      `The disk holding the database is full: ${location}. Nothing was written; ` +
        'free some space and try again (no restart needed).',
      options,
    );
  }
}

export class MigrationError extends StorageError {
  readonly code = 'MIGRATION_FAILED';
}

export class NotFoundError extends StorageError {
  readonly code = 'NOT_FOUND';
  constructor(
    readonly entity: string,
    readonly key: string,
  ) {
    super(`No ${entity} ${JSON.stringify(key)}`);
  }
}

export class AlreadyExistsError extends StorageError {
  readonly code = 'ALREADY_EXISTS';
  constructor(
    readonly entity: string,
    readonly key: string,
    options?: ErrorOptions,
  ) {
    super(`A ${entity} ${JSON.stringify(key)} already exists`, options);
  }
}

export class RoundNotOpenError extends StorageError {
  readonly code = 'ROUND_NOT_OPEN';
  constructor(
    readonly roundName: string,
    readonly reason: string,
  ) {
    super(`Round ${JSON.stringify(roundName)} does not accept responses: ${reason}`);
  }
}

export class DraftConflictError extends StorageError {
  readonly code = 'DRAFT_CONFLICT';
  constructor(
    readonly expectedRevision: number,
    /** 0 when there is no draft yet. */
    readonly currentRevision: number,
  ) {
    super(
      `The draft was changed elsewhere (expected revision ${expectedRevision}, found ${currentRevision})`,
    );
  }
}

export class InstrumentConflictError extends StorageError {
  readonly code = 'INSTRUMENT_CONFLICT';
  constructor(
    readonly instrumentId: string,
    readonly version: string,
  ) {
    super(
      `Instrument ${instrumentId} version ${version} is already stored with different content; ` +
        'a changed instrument needs a new version',
    );
  }
}

/** The import data contradicts itself or what is stored; nothing was written. */
export class ImportError extends StorageError {
  readonly code = 'IMPORT_REJECTED';
}

export class InvalidInputError extends StorageError {
  readonly code = 'INVALID_INPUT';
}
