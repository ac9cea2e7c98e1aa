/** ZIPs through fflate: the open data download and the streamed ZIP of a job read back intact. */
import { strFromU8, unzipSync } from 'fflate';
import { expect, it } from 'vitest';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { zipFiles } from '../../src/files/zip-stream.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { buildOpenData } from '../../src/open-data/build.ts';
import { openDataFiles, openDataZip } from '../../src/open-data/files.ts';
import { HAND_ROUND } from '../accounts/sector-data.ts';

it('the open data ZIP holds exactly the open data files, byte for byte', async () => {
  const instrument = await loadBuiltinInstrument('dt-offentlig');
  const at = '2026-11-30T10:00:00.000Z';
  const data = buildOpenData(
    instrument,
    'R',
    releaseOfOrganisations(instrument, HAND_ROUND, disclosurePolicy({ k: 3 }), at),
  );
  const created = new Date(at);
  const files = unzipSync(openDataZip(data, created));
  const expected = openDataFiles(data, created);
  expect(Object.keys(files).sort()).toEqual(expected.map((f) => f.name).sort());
  for (const f of expected) expect(strFromU8(files[f.name]!)).toBe(f.content);
});

it('streams files into a ZIP one at a time, names in UTF-8', async () => {
  async function* files() {
    yield { name: 'Ærø Kommune-1.pdf', data: new Uint8Array([1, 2, 3]) };
    yield { name: 'Fjordby Region-2.pdf', data: new Uint8Array(100_000).fill(7) };
  }
  const out = unzipSync(await zipFiles(files()));
  expect(Object.keys(out)).toEqual(['Ærø Kommune-1.pdf', 'Fjordby Region-2.pdf']);
  expect([...out['Ærø Kommune-1.pdf']!]).toEqual([1, 2, 3]);
  expect(out['Fjordby Region-2.pdf']!.every((b) => b === 7)).toBe(true);
  expect((await zipFiles((async function* () {})())).length).toBe(22);
});
