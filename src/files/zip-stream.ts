/**
 * A ZIP built one file at a time with fflate's streaming writer, so a ZIP of hundreds of PDFs
 * never holds more than one input file and the output in memory. PDFs are compressed already,
 * so they are stored as they are (no second deflate).
 */
import { Zip, ZipPassThrough } from 'fflate';

export async function zipFiles(
  files: AsyncIterable<{ name: string; data: Uint8Array }>,
  mtime = new Date(),
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const done = new Promise<void>((resolve, reject) => {
    const zip = new Zip((err, chunk, final) => {
      if (err) {
        failure = err;
        reject(err);
        return;
      }
      chunks.push(chunk);
      if (final) resolve();
    });
    void (async () => {
      try {
        for await (const file of files) {
          if (failure) return;
          const entry = new ZipPassThrough(file.name);
          entry.mtime = mtime;
          zip.add(entry);
          entry.push(file.data, true);
        }
        zip.end();
      } catch (err) {
        reject(err as Error);
      }
    })();
  });
  await done;
  return Buffer.concat(chunks);
}
