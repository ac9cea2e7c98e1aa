/** Spawning the helper scripts of the storage tests as separate processes. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function spawnScript(script: string, arg: unknown): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), JSON.stringify(arg)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

export interface Output {
  stdout: string;
  stderr: string;
}

/** Collects the child's output; `lines` gets each complete stdout line as it arrives. */
export function collect(child: ChildProcess, onLine?: (line: string) => void): Output {
  const out: Output = { stdout: '', stderr: '' };
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out.stdout += chunk;
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine?.(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  return out;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** Resolves when the child prints `ready`; rejects if it exits first. */
export function ready(child: ChildProcess, output: Output, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`child not ready after ${timeoutMs} ms: ${output.stderr}`)),
      timeoutMs,
    );
    const check = () => {
      if (/^ready$/m.test(output.stdout)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code} before ready: ${output.stderr}`));
    });
    check();
  });
}
