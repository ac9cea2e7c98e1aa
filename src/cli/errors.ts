/** An error the CLI reports as a message (no stack trace) with a chosen exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
  ) {
    super(message);
  }
}
