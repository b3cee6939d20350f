// Municipalities (SSB, valid from 2026-01-01) and postcodes (Bring, post-2024 numbering) from the
// reference data. Loaded once; both are small and read-only. The read functions take a folder so
// `reference-data refresh` checks a new copy with the same code that will read it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledReferenceDataDir, referenceDataDir } from '../../reference-data.ts';

export interface Municipality {
  kommunenummer: string;
  name: string;
  officialName: string;
  otherNames: string[];
  countyNumber: string;
  countyName: string;
  /** The municipality's own website (data/kommune-nettsteder.tsv), where its phone and address are. */
  website?: string;
}

export interface Postcode {
  postnummer: string;
  poststed: string;
  kommunenummer: string;
}

interface KommuneJson {
  kommunenummer: string;
  navn: string;
  fylkesnummer: string;
  fylkesnavn: string;
  offisieltNavn: string;
  andreNavn?: string[];
}

let municipalities: Municipality[] | undefined;
let postcodes: Map<string, Postcode> | undefined;

export function loadMunicipalities(): Municipality[] {
  if (!municipalities) {
    const websites = readWebsites(join(bundledReferenceDataDir(), WEBSITES_FILE));
    municipalities = readMunicipalities(referenceDataDir()).map((m) => ({ ...m, website: websites.get(m.kommunenummer) }));
  }
  return municipalities;
}

/** Ours, like folketall.tsv: kept beside the reference data, not replaced by a refresh. */
export const WEBSITES_FILE = 'kommune-nettsteder.tsv';

export function readWebsites(file: string): Map<string, string> {
  const rows = readFileSync(file, 'utf8').trim().split('\n').slice(1);
  return new Map(rows.map((row) => row.split('\t') as [string, string]));
}

export function readMunicipalities(dir: string): Municipality[] {
  return (JSON.parse(readFileSync(join(dir, 'kommuner.json'), 'utf8')) as KommuneJson[])
    .map((k) => ({
      kommunenummer: k.kommunenummer,
      name: k.navn,
      officialName: k.offisieltNavn,
      otherNames: k.andreNavn ?? [],
      countyNumber: k.fylkesnummer,
      countyName: k.fylkesnavn,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
}

export function loadPostcodes(): Map<string, Postcode> {
  postcodes ??= readPostcodes(referenceDataDir());
  return postcodes;
}

export function readPostcodes(dir: string): Map<string, Postcode> {
  const lines = readFileSync(join(dir, 'postnummer.tsv'), 'utf8').split('\n');
  const header = lines.shift()?.split('\t');
  if (header?.[0] !== 'postnummer' || header[2] !== 'kommunenummer') throw new Error('postnummer.tsv: unexpected header');
  const postcodes = new Map<string, Postcode>();
  for (const line of lines) {
    const [postnummer, poststed, kommunenummer, , category] = line.split('\t');
    // Service postcodes (S) are not used for addresses, so nobody lives there.
    if (!postnummer || !poststed || !kommunenummer || category === 'S') continue;
    postcodes.set(postnummer, { postnummer, poststed, kommunenummer });
  }
  return postcodes;
}
