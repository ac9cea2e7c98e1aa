/** `pejling serve`: the HTTP API on HOST:PORT until SIGTERM or SIGINT. */
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { cliError } from './data.ts';

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description(
      'run the HTTP API (storage from DATABASE_URL or PEJLING_DATA_DIR; logs are JSON lines on stdout)',
    )
    .option('--host <host>', 'interface to listen on (env HOST)', process.env.HOST || '127.0.0.1')
    .option('--port <port>', 'port to listen on, 0 for any free one (env PORT)', process.env.PORT || '3000')
    .action(async (opts: { host: string; port: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`not a port: ${opts.port}`);
      const { buildApp } = await import('../../api/app.ts');
      const { openApiDatabase } = await import('../../api/database.ts');
      const { loadStorageConfig } = await import('../../storage/index.ts');
      let db: Awaited<ReturnType<typeof openApiDatabase>>;
      try {
        db = await openApiDatabase(loadStorageConfig());
      } catch (err) {
        throw await cliError(err);
      }
      const app = buildApp({ db, logger: { level: process.env.LOG_LEVEL || 'info' } });
      try {
        await app.listen({ host: opts.host, port });
      } catch (err) {
        await app.close();
        await db.close();
        throw new CliError(`cannot listen on ${opts.host}:${port}: ${(err as Error).message}`, 1);
      }
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
      process.stderr.write(
        `Pejling API listening on http://${host}:${actualPort} (database: ${db.location})\n`,
      );

      const signal = await new Promise<NodeJS.Signals>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      app.log.info({ signal }, 'shutting down');
      // In-flight requests finish before the database goes away.
      await app.close();
      await db.close();
    });
}
