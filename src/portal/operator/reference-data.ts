// Checks a copy of the reference data with the code that will read it, and takes a newer copy into
// the repository's data/ only when it passes. What changed is reported so a person can read it before
// committing: a renamed municipality or a moved postcode reaches reporters the day it lands.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { readMunicipalities, readPostcodes, readWebsites, WEBSITES_FILE, type Municipality, type Postcode } from '../registry/reference-data.ts';
import { readFiksSchemas } from '../../domain/fiks/fiks-schemas.ts';
import { makeFiksValidator } from '../../domain/fiks/validate-fiks.ts';
import { FIKS_MESSAGE_TYPES } from '../../domain/fiks/message-types.ts';
import { readInnsynSchemas } from '../../domain/innsyn/innsyn-schemas.ts';
import { makeInnsynValidators } from '../../domain/innsyn/validate-innsyn.ts';
import { CONCLUSION_CODES, CONTENT_CODES, REPORTER_CODES } from '../../domain/ssb-codes.ts';

/** The files a refresh replaces. folketall.tsv, kommune-nettsteder.tsv and SOURCES.md are ours and stay. */
const MANAGED_FILES = ['kommuner.json', 'postnummer.tsv', 'ssb-kodelister.md'] as const;
const MANAGED_DIRS = ['fiks-bekymringsmelding', 'fiks-innsyn'] as const;
export const CHECKSUM_FILE = 'CHECKSUMS.sha256';
/** Bring's register also numbers Svalbard and Jan Mayen, which are not municipalities. */
const NON_MUNICIPAL_AREAS = new Set(['2100', '2211']);

export interface ReferenceDataReport {
  problems: string[];
  municipalities: number;
  postcodes: number;
}

export interface ReferenceDataChanges {
  municipalitiesAdded: string[];
  municipalitiesRemoved: string[];
  municipalitiesRenamed: string[];
  postcodesAdded: string[];
  postcodesRemoved: string[];
  postcodesChanged: string[];
  filesChanged: string[];
}

function managedFilesIn(dir: string): string[] {
  const files: string[] = MANAGED_FILES.filter((f) => existsSync(join(dir, f)));
  const walk = (sub: string) => {
    for (const entry of readdirSync(join(dir, sub)).sort()) {
      const path = join(sub, entry);
      if (statSync(join(dir, path)).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  for (const sub of MANAGED_DIRS) if (existsSync(join(dir, sub))) walk(sub);
  return files;
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function checksumLines(dir: string): string {
  return managedFilesIn(dir).map((f) => `${sha256(join(dir, f))}  ${f}\n`).join('');
}

/** The codes of a table section of ssb-kodelister.md (first column of each row). */
function codesInSection(markdown: string, heading: RegExp): Set<string> {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => heading.test(l));
  const codes = new Set<string>();
  if (start < 0) return codes;
  for (const line of lines.slice(start + 1)) {
    if (/^#{2,3} /.test(line)) break;
    const match = /^\|\s*([0-9][0-9.]*)\s*\|/.exec(line);
    if (match) codes.add(match[1]!);
  }
  return codes;
}

/**
 * Everything the portal and mottak rely on when they read the folder: municipalities and postcodes
 * parse and agree, every municipality has a population (statistics), the Fiks schemas compile and
 * KS's own examples pass them, every Fiks Innsyn schema compiles (citizen services validate what case
 * systems index with them), and every SSB code we use is still in the lists.
 */
export function checkReferenceData(dir: string, populationFile: string): ReferenceDataReport {
  const problems: string[] = [];
  for (const f of [...MANAGED_FILES, ...MANAGED_DIRS]) if (!existsSync(join(dir, f))) problems.push(`${f} is missing`);
  if (problems.length) return { problems, municipalities: 0, postcodes: 0 };

  let municipalities: Municipality[] = [];
  try {
    municipalities = readMunicipalities(dir);
  } catch (error) {
    problems.push(`kommuner.json: ${(error as Error).message}`);
  }
  const numbers = new Set<string>();
  for (const m of municipalities) {
    if (!/^\d{4}$/.test(m.kommunenummer)) problems.push(`kommuner.json: "${m.kommunenummer}" is not a four-digit kommunenummer`);
    else if (numbers.has(m.kommunenummer)) problems.push(`kommuner.json: ${m.kommunenummer} appears twice`);
    numbers.add(m.kommunenummer);
    if (!m.name?.trim()) problems.push(`kommuner.json: ${m.kommunenummer} has no name`);
    if (m.countyNumber !== m.kommunenummer.slice(0, 2) || !m.countyName?.trim()) problems.push(`kommuner.json: ${m.kommunenummer} has a wrong county`);
  }

  let postcodes = new Map<string, Postcode>();
  try {
    postcodes = readPostcodes(dir);
  } catch (error) {
    problems.push(`postnummer.tsv: ${(error as Error).message}`);
  }
  const unknownAreas = new Set<string>();
  for (const p of postcodes.values()) {
    if (!/^\d{4}$/.test(p.postnummer)) problems.push(`postnummer.tsv: "${p.postnummer}" is not a postcode`);
    if (!numbers.has(p.kommunenummer) && !NON_MUNICIPAL_AREAS.has(p.kommunenummer)) unknownAreas.add(p.kommunenummer);
  }
  if (unknownAreas.size) problems.push(`postnummer.tsv names municipalities kommuner.json lacks: ${[...unknownAreas].sort().join(', ')}`);

  const population = new Set(readFileSync(populationFile, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]));
  const withoutPopulation = [...numbers].filter((n) => !population.has(n));
  if (withoutPopulation.length) {
    problems.push(`${relative(process.cwd(), populationFile)} has no population for ${withoutPopulation.join(', ')}: add SSB's figures for them first (data/SOURCES.md)`);
  }
  const websites = readWebsites(join(dirname(populationFile), WEBSITES_FILE));
  const withoutWebsite = [...numbers].filter((n) => !/^https:\/\/[a-z0-9.-]+\/$/.test(websites.get(n) ?? ''));
  if (withoutWebsite.length) problems.push(`${WEBSITES_FILE} has no website for ${withoutWebsite.join(', ')}: add them first (data/SOURCES.md)`);

  try {
    const validate = makeFiksValidator(readFiksSchemas(dir));
    const examples = join(dir, 'fiks-bekymringsmelding', 'schema', 'examples');
    for (const [file, type] of [
      ['privatBekymringsmeldingV2.json', FIKS_MESSAGE_TYPES.privatV2],
      ['offentligBekymringsmeldingV2.json', FIKS_MESSAGE_TYPES.offentligV2],
    ] as const) {
      const result = validate(type, JSON.parse(readFileSync(join(examples, file), 'utf8')));
      if (!result.valid) problems.push(`KS's example ${file} does not pass its schema: ${result.errors.slice(0, 3).join('; ')}`);
    }
  } catch (error) {
    problems.push(`Fiks schemas: ${(error as Error).message}`);
  }

  try {
    makeInnsynValidators(readInnsynSchemas(dir));
  } catch (error) {
    problems.push(`Fiks Innsyn schemas: ${(error as Error).message}`);
  }

  const lists = readFileSync(join(dir, 'ssb-kodelister.md'), 'utf8');
  for (const [name, heading, ours] of [
    ['Melder', /^## 1\. Melder/, REPORTER_CODES.map((c) => c.code)],
    ['Saksinnhold', /^### 2b\. /, CONTENT_CODES.map((c) => c.code)],
    ['Konklusjon', /^## 3\. Konklusjon/, CONCLUSION_CODES.map((c) => c.code)],
  ] as const) {
    const listed = codesInSection(lists, heading);
    const gone = ours.filter((code) => !listed.has(code));
    if (gone.length) problems.push(`ssb-kodelister.md: ${name} no longer lists ${gone.join(', ')}, which src/domain/ssb-codes.ts uses`);
  }

  return { problems, municipalities: municipalities.length, postcodes: postcodes.size };
}

/** Files in `dir` that differ from the checksums the last refresh wrote. */
export function verifyChecksums(dir: string): string[] {
  const file = join(dir, CHECKSUM_FILE);
  if (!existsSync(file)) return [`${CHECKSUM_FILE} is missing`];
  const expected = readFileSync(file, 'utf8');
  if (expected === checksumLines(dir)) return [];
  const want = new Map(expected.trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)] as const));
  const have = new Map(checksumLines(dir).trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)] as const));
  const names = new Set([...want.keys(), ...have.keys()]);
  return [...names].filter((n) => want.get(n) !== have.get(n)).sort().map((n) => `${n} ${have.has(n) ? (want.has(n) ? 'changed' : 'is not in the checksums') : 'is missing'}`);
}

export function describeChanges(fromDir: string, toDir: string): ReferenceDataChanges {
  const before = new Map(readMunicipalities(toDir).map((m) => [m.kommunenummer, m.name]));
  const after = new Map(readMunicipalities(fromDir).map((m) => [m.kommunenummer, m.name]));
  const oldCodes = readPostcodes(toDir);
  const newCodes = readPostcodes(fromDir);
  const label = (p: Postcode) => `${p.postnummer} ${p.poststed} (${p.kommunenummer})`;
  const oldSums = new Map(checksumLines(toDir).trim().split('\n').map((l) => [l.slice(66), l.slice(0, 64)]));
  return {
    municipalitiesAdded: [...after].filter(([n]) => !before.has(n)).map(([n, name]) => `${n} ${name}`),
    municipalitiesRemoved: [...before].filter(([n]) => !after.has(n)).map(([n, name]) => `${n} ${name}`),
    municipalitiesRenamed: [...after].filter(([n, name]) => before.has(n) && before.get(n) !== name).map(([n, name]) => `${n} ${before.get(n)} → ${name}`),
    postcodesAdded: [...newCodes.values()].filter((p) => !oldCodes.has(p.postnummer)).map(label),
    postcodesRemoved: [...oldCodes.values()].filter((p) => !newCodes.has(p.postnummer)).map(label),
    postcodesChanged: [...newCodes.values()]
      .filter((p) => oldCodes.has(p.postnummer) && label(oldCodes.get(p.postnummer)!) !== label(p))
      .map((p) => `${label(oldCodes.get(p.postnummer)!)} → ${label(p)}`),
    filesChanged: managedFilesIn(fromDir).filter((f) => oldSums.get(f) !== sha256(join(fromDir, f))),
  };
}

/**
 * Replaces the managed files in `toDir` with those of `fromDir`, after checking the new copy.
 * Nothing in `toDir` changes when the check fails.
 */
export function refreshReferenceData(fromDir: string, toDir: string): { report: ReferenceDataReport; changes?: ReferenceDataChanges } {
  const report = checkReferenceData(fromDir, join(toDir, 'folketall.tsv'));
  if (report.problems.length) return { report };
  const changes = describeChanges(fromDir, toDir);
  // Copied beside the target first, then swapped in, so a failed copy leaves the old data whole.
  const staging = mkdtempSync(join(dirname(toDir), '.reference-data-'));
  try {
    for (const f of MANAGED_FILES) cpSync(join(fromDir, f), join(staging, f));
    for (const d of MANAGED_DIRS) cpSync(join(fromDir, d), join(staging, d), { recursive: true });
    for (const f of MANAGED_FILES) renameSync(join(staging, f), join(toDir, f));
    for (const d of MANAGED_DIRS) {
      rmSync(join(toDir, d), { recursive: true, force: true });
      renameSync(join(staging, d), join(toDir, d));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  writeFileSync(join(toDir, CHECKSUM_FILE), checksumLines(toDir));
  return { report, changes };
}
