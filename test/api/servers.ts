/** Real `pejling serve` processes on a test database, for tests of several app instances. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../helpers.ts';
import { TEST_PG_URL, type TestTarget } from '../storage/backends.ts';

export interface Server {
  url: string;
  process: ChildProcess;
  output: () => string;
}

export function startServer(target: TestTarget): Promise<Server> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'pejling.js'), 'serve', '--host', '127.0.0.1', '--port', '0'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: TEST_PG_URL,
        PEJLING_DB_SCHEMA: target.config.backend === 'postgres' ? target.config.schema! : '',
        LOG_LEVEL: 'warn',
      },
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      output += d;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1]!, process: child, output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

export async function stopServer(server: Server): Promise<number | null> {
  if (server.process.exitCode !== null) return server.process.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    server.process.once('exit', (code) => resolve(code)),
  );
  server.process.kill('SIGTERM');
  return exited;
}
