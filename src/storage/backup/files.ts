/**
 * The file side of backups: gzip'd lines written with backpressure, a durable replace, and a
 * line reader that never holds more than one compressed chunk and one line in memory.
 */
import { once } from 'node:events';
import { createReadStream, type WriteStream } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, createGzip, type Gzip } from 'node:zlib';

/** Writes text through gzip into a file created exclusively (a second writer fails at once). */
export class GzipWriter {
  private failure: unknown;
  private constructor(
    private readonly gzip: Gzip,
    private readonly out: WriteStream,
    private readonly done: Promise<void>,
  ) {
    done.catch((err: unknown) => (this.failure = err));
  }

  static async create(path: string): Promise<GzipWriter> {
    // Opened here rather than by the stream, so that EEXIST is thrown now, not emitted later.
    const file = await open(path, 'wx');
    const out = file.createWriteStream();
    const gzip = createGzip();
    gzip.pipe(out);
    gzip.on('error', (err) => out.destroy(err));
    return new GzipWriter(gzip, out, finished(out));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.gzip.write(text)) await Promise.race([once(this.gzip, 'drain'), this.done]);
    if (this.failure) throw this.failure;
  }

  /** Flushes and closes; no fsync, this is an intermediate file. */
  async finish(): Promise<void> {
    this.gzip.end();
    await this.done;
  }

  async abort(): Promise<void> {
    this.gzip.destroy();
    this.out.destroy();
    await this.done.catch(() => {});
  }
}

/**
 * `prefix` then the bytes of `rest`, into `tmp` (created exclusively), fsynced, then renamed
 * over `target` and the directory fsynced: a reader sees the old file or the whole new one.
 */
export async function writeDurably(tmp: string, prefix: Buffer, rest: string, target: string): Promise<void> {
  const out = await open(tmp, 'wx');
  try {
    await out.write(prefix);
    for await (const chunk of createReadStream(rest)) await out.write(chunk as Buffer);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(tmp, target);
  await syncDirectory(dirname(target));
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
  } finally {
    await handle?.close().catch(() => {});
  }
}

export class DecompressError extends Error {}

/**
 * The lines of a gzip file (several gzip members read as one stream), without their `\n`.
 * Splitting on the byte 0x0A is safe in UTF-8: it never occurs inside a multi-byte character.
 * A last line without `\n` is returned with `complete: false`.
 */
export async function* gzipLines(path: string): AsyncGenerator<{ bytes: Buffer; complete: boolean }> {
  const gunzip = createGunzip();
  pipeline(createReadStream(path), gunzip, () => {});
  let pending: Buffer[] = [];
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        const piece = chunk.subarray(start, nl);
        const bytes = pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
        pending = [];
        yield { bytes, complete: true };
        start = nl + 1;
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw err;
    throw new DecompressError((err as Error).message);
  } finally {
    gunzip.destroy();
  }
  if (pending.length > 0) yield { bytes: Buffer.concat(pending), complete: false };
}
