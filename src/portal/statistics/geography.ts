// The municipalities the statistics are about: names and counties from the reference data, and the
// population (data/folketall.tsv in this repository, see data/SOURCES.md) that decides which are
// shown on their own.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDataDir, repoRoot } from '../../reference-data.ts';
import type { Municipality } from '../../domain/statistics/publish.ts';

export function loadStatisticsGeography(dataDir = referenceDataDir()): Municipality[] {
  const kommuner = JSON.parse(readFileSync(join(dataDir, 'kommuner.json'), 'utf8')) as { kommunenummer: string; navn: string; fylkesnummer: string; fylkesnavn: string }[];
  const population = new Map(
    readFileSync(join(repoRoot(), 'data', 'folketall.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t') as [string, string]),
  );
  return kommuner.map((k) => {
    const folketall = Number(population.get(k.kommunenummer));
    if (!Number.isInteger(folketall) || folketall <= 0) throw new Error(`data/folketall.tsv has no population for ${k.kommunenummer}`);
    return { kommunenummer: k.kommunenummer, navn: k.navn, fylkesnummer: k.fylkesnummer, fylkesnavn: k.fylkesnavn, folketall };
  });
}
