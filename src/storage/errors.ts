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

export class DatabaseConnectionError extends StorageError {
  readonly code = 'DATABASE_CONNECTION';
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
