/**
 * The survey's build output (`dist/web`) is never committed: `ensureWebBuild()` runs Vite when
 * the output is missing or was built from other sources than those on disk now. `npm start`
 * calls it before serving; the browser tests call it once per run (concurrent callers wait for
 * one build through a lock directory).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_ROOT = join(PROJECT_ROOT, 'web');
export const WEB_DIST = join(PROJECT_ROOT, 'dist', 'web');
const STAMP = join(WEB_DIST, '.build-stamp');
const LOCK = join(PROJECT_ROOT, 'dist', '.web-build.lock');
const STALE_LOCK_MS = 180_000;

/** Everything the bundle is built from (the survey imports the pure core and its catalogues). */
const INPUTS = [
  'web',
  'vite.config.ts',
  'src/core',
  'src/i18n/locales/survey.da.json',
  'src/i18n/locales/survey.en.json',
  'package-lock.json',
];

export interface WebBuildResult {
  readonly built: boolean;
  readonly outDir: string;
  readonly ms: number;
}

export interface EnsureWebBuildOptions {
  /** Build even when the output is current. */
  readonly force?: boolean;
  readonly log?: (message: string) => void;
}

export async function ensureWebBuild(options: EnsureWebBuildOptions = {}): Promise<WebBuildResult> {
  const started = performance.now();
  const done = (built: boolean): WebBuildResult => ({
    built,
    outDir: WEB_DIST,
    ms: performance.now() - started,
  });
  const fingerprint = await inputsFingerprint();
  if (!options.force && (await currentStamp()) === fingerprint) return done(false);

  await acquireLock();
  try {
    // Another process may have built while we waited for the lock.
    if (!options.force && (await currentStamp()) === fingerprint) return done(false);
    options.log?.('Building the web survey (vite build)…');
    await runViteBuild();
    await writeFile(STAMP, fingerprint);
    return done(true);
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** Whether `dist/web` matches the sources (no build needed). */
export async function webBuildIsCurrent(): Promise<boolean> {
  return (await currentStamp()) === (await inputsFingerprint());
}

/**
 * `vite build` in a child process: with NODE_ENV=production whatever the caller's (a test
 * runner sets "test", which would bundle React's development build), and without loading the
 * bundler into the server process.
 */
async function runViteBuild(): Promise<void> {
  const vite = join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  try {
    await access(vite);
  } catch {
    throw new Error(
      'dist/web is missing or out of date and Vite is not installed (a production install without ' +
        'dev dependencies?). Run `npm install` and start again, or build with `npx vite build`.',
    );
  }
  const args = [vite, 'build', '--config', join(PROJECT_ROOT, 'vite.config.ts'), '--logLevel', 'warn'];
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`vite build failed (${signal ?? `exit code ${code}`})`)),
    );
  });
}

async function currentStamp(): Promise<string | null> {
  try {
    await stat(join(WEB_DIST, 'index.html'));
    return await readFile(STAMP, 'utf8');
  } catch {
    return null;
  }
}

/** A hash over every input file's path, size and modification time. */
async function inputsFingerprint(): Promise<string> {
  const entries: string[] = [];
  for (const input of INPUTS) await collect(join(PROJECT_ROOT, input), entries);
  entries.sort();
  return createHash('sha256').update(entries.join('\n')).digest('hex');
}

async function collect(path: string, out: string[]): Promise<void> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return;
  }
  if (info.isDirectory()) {
    for (const name of await readdir(path)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      await collect(join(path, name), out);
    }
  } else {
    out.push(`${relative(PROJECT_ROOT, path)}:${info.size}:${Math.trunc(info.mtimeMs)}`);
  }
}

async function acquireLock(): Promise<void> {
  await mkdir(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await stat(LOCK).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
}
