/**
 * `pejling serve`: the app (API and web front end) on HOST:PORT until SIGTERM or SIGINT.
 * `pejling start` (what `npm start` runs) is the same with the demo dataset seeded into an
 * empty database and a friendlier banner.
 */
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import { cliError } from './data.ts';

interface ServeOptions {
  host: string;
  port: string;
  demo?: boolean;
}

export function registerServeCommands(program: Command): void {
  const common = (cmd: Command) =>
    cmd
      .option('--host <host>', 'interface to listen on (env HOST)', process.env.HOST || '127.0.0.1')
      .option(
        '--port <port>',
        'port to listen on, 0 for any free one (env PORT)',
        process.env.PORT || '3000',
      );

  common(
    program
      .command('serve')
      .description(
        'run the app: HTTP API and web front end (storage from DATABASE_URL or PEJLING_DATA_DIR; logs are JSON lines on stdout)',
      )
      .option('--demo', 'seed the demo dataset when the database has none'),
  ).action((opts: ServeOptions) => serve(opts));

  common(
    program
      .command('start')
      .description('seed the demo dataset (once) and run the app — what `npm start` does'),
  ).action((opts: ServeOptions) => serve({ ...opts, demo: true }));
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

async function serve(opts: ServeOptions): Promise<void> {
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
  let demoToken: string | null = null;
  if (opts.demo) {
    const { seedDemo, demoInvitation } = await import('../../demo/seed.ts');
    const seeded = await seedDemo(db);
    const { seedMoreDemo } = await import('../../demo/seed-more.ts');
    const more = await seedMoreDemo(db);
    if (seeded.seeded || more.length > 0) {
      // The demo's answers are complete: release them, as an import would.
      const { makeRelease } = await import('../../api/services/releases.ts');
      const { listRounds } = await import('../../storage/index.ts');
      for (const round of await listRounds(db))
        if (seeded.seeded || more.includes(round.name)) await makeRelease(db, round, 'import');
      if (seeded.seeded)
        process.stderr.write(
          `Seeded the demo dataset: ${seeded.organisations} organisations, ${seeded.respondents} respondents in two rounds.\n`,
        );
      if (more.length > 0) process.stderr.write(`Seeded the demo rounds ${more.join(', ')}.\n`);
    }
    // The citizen panel has no organisations and no release: its figures are read from the panel.
    const { seedCitizenDemo, CITIZEN_DEMO } = await import('../../demo/seed-citizens.ts');
    if (await seedCitizenDemo(db))
      process.stderr.write(
        `Seeded the demo citizen panel ${CITIZEN_DEMO.round} (${CITIZEN_DEMO.respondents} citizens).\n`,
      );
    const { seedDemoAccounts } = await import('../../demo/accounts.ts');
    const { seedDemoPlans } = await import('../../demo/seed-plans.ts');
    await seedDemoAccounts(db);
    await seedDemoPlans(db);
    demoToken = await demoInvitation(db);
  }
  const { ensureWebBuild, webServer } = await import('../../web-server/index.ts');
  await ensureWebBuild({ log: (m) => process.stderr.write(`${m}\n`) });
  const trustProxy = process.env.PEJLING_TRUST_PROXY?.trim();
  const app = buildApp({
    db,
    logger: { level: process.env.LOG_LEVEL || 'info' },
    // A hop count ("1") or addresses/ranges ("127.0.0.1,10.0.0.0/8").
    ...(trustProxy ? { trustProxy: /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy } : {}),
  });
  await app.register(webServer, { db });
  const { startReleaseScheduler } = await import('../../api/services/release-scheduler.ts');
  const scheduler = startReleaseScheduler(db, app.log);
  app.addHook('onClose', () => scheduler.stop());
  // Background jobs (mails, PDF ZIPs, large exports): every instance works on them; on
  // shutdown the current item is finished and the job handed back for another to resume.
  const { startAppJobWorker } = await import('../../api/services/job-worker.ts');
  const jobs = startAppJobWorker(db, app.log);
  app.addHook('onClose', () => jobs.stop());
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
  const base = `http://${host}:${actualPort}`;
  process.stderr.write(`\nPejling is running at ${base} (database: ${db.location})\n`);
  const { configuredPublicUrl, PublicUrlError } = await import('../../rounds/public-url.ts');
  let configured: string | null;
  try {
    configured = configuredPublicUrl();
  } catch (err) {
    await app.close();
    await db.close();
    if (err instanceof PublicUrlError) throw new CliError(err.message);
    throw err;
  }
  if (configured === null) {
    // On this machine only, its own address is the one people use; elsewhere nobody can know it.
    if (LOOPBACK.test(opts.host)) {
      process.env.PEJLING_PUBLIC_URL = base;
      process.stderr.write(`Invitation links use ${base} (set PEJLING_PUBLIC_URL for another address).\n`);
    } else {
      process.stderr.write(
        'PEJLING_PUBLIC_URL is not set: invitation links cannot be made until it is (the Host header is never trusted for links).\n',
      );
    }
  }
  if (opts.demo) {
    process.stderr.write(
      `Demo: log in at ${base}/admin as leder@demo.pejling.dk / demo-leder-pejling and open\n` +
        `      ${base}/reports/demo-2026/organisations/Askeby%20Kommune (other demo accounts: README)\n`,
    );
  }
  if (demoToken) process.stderr.write(`Try the survey as a demo respondent: ${base}/s/${demoToken}\n`);
  process.stderr.write(`API: ${base}/api/openapi.json · stop with Ctrl+C\n\n`);

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  app.log.info({ signal }, 'shutting down');
  // In-flight requests finish before the database goes away.
  await app.close();
  await db.close();
}
