/** The open data set as files: CSV text per table and datapackage.json; written to a directory or a ZIP. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { OpenData } from './build.ts';
import { dataPackage } from './datapackage.ts';
import { strToU8, zipSync, type Zippable } from 'fflate';

export function openDataFiles(data: OpenData, created = new Date()): { name: string; content: string }[] {
  return [
    ...data.tables.map((t) => ({
      name: `${t.name}.csv`,
      content: stringify([t.columns as string[], ...t.rows], { record_delimiter: '\n' }),
    })),
    { name: 'datapackage.json', content: `${JSON.stringify(dataPackage(data, created), null, 2)}\n` },
  ];
}

export async function writeOpenData(data: OpenData, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = openDataFiles(data);
  for (const file of files) await writeFile(join(dir, file.name), file.content, 'utf8');
  return files.map((f) => f.name);
}

/** The files as one ZIP (fflate: deflate, UTF-8 names). */
export function openDataZip(data: OpenData, created = new Date()): Buffer {
  const files: Zippable = {};
  for (const f of openDataFiles(data, created)) files[f.name] = [strToU8(f.content), { mtime: created }];
  return Buffer.from(zipSync(files, { level: 6 }));
}
