// The repository carries the reference data it runs on, and a newer copy is taken in only when the
// code that reads it accepts it: a broken copy never replaces a working one.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { bundledReferenceDataDir, repoRoot } from '../../../src/reference-data.ts';
import { checkReferenceData, refreshReferenceData, verifyChecksums } from '../../../src/portal/operator/reference-data.ts';

const DATA = bundledReferenceDataDir();
const POPULATION = join(DATA, 'folketall.tsv');

/** A working copy of data/ to refresh into, and a "newer" copy to refresh from. */
function copies() {
  const root = mkdtempSync(join(tmpdir(), 'reference-data-'));
  const target = join(root, 'data');
  const newer = join(root, 'newer');
  cpSync(DATA, target, { recursive: true });
  cpSync(DATA, newer, { recursive: true });
  return { target, newer, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

function snapshot(dir: string): string {
  return ['kommuner.json', 'postnummer.tsv', 'CHECKSUMS.sha256', 'fiks-bekymringsmelding/schema/domain/v2/privat.bekymringsmelding.v2.json', 'fiks-innsyn/schema/domain/barnevern/part.v1.json'].map((f) => readFileSync(join(dir, f), 'utf8')).join('\0');
}

function editJson(path: string, edit: (value: unknown) => unknown): void {
  writeFileSync(path, JSON.stringify(edit(JSON.parse(readFileSync(path, 'utf8'))), null, 2));
}

describe('reference data', () => {
  test('the repository’s data/ holds all 357 municipalities, the postcodes and the Fiks schemas, unchanged since the last refresh', () => {
    const report = checkReferenceData(DATA, POPULATION);
    assert.deepEqual(report.problems, []);
    assert.equal(report.municipalities, 357);
    assert.ok(report.postcodes > 5000);
    assert.deepEqual(verifyChecksums(DATA), []);
  });

  test('the check command answers 0 for the repository’s copy, and 1 naming the file edited by hand', () => {
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'src/portal/operator/reference-data-cli.ts', 'check'], { cwd: repoRoot(), encoding: 'utf8' });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /357 municipalities/);
    const { target, cleanup } = copies();
    try {
      writeFileSync(join(target, 'postnummer.tsv'), readFileSync(join(target, 'postnummer.tsv'), 'utf8').replace('SANDVIKA', 'SANDVIKEN'));
      const edited = spawnSync(process.execPath, ['--import', 'tsx', 'src/portal/operator/reference-data-cli.ts', 'check', '--dir', target], { cwd: repoRoot(), encoding: 'utf8' });
      assert.equal(edited.status, 1);
      assert.match(edited.stderr, /postnummer\.tsv changed/);
    } finally {
      cleanup();
    }
  });

  test('a newer copy with a renamed municipality and a new postcode is taken in, and the changes are named', () => {
    const { target, newer, cleanup } = copies();
    try {
      editJson(join(newer, 'kommuner.json'), (list) => (list as { kommunenummer: string; navn: string }[]).map((k) => (k.kommunenummer === '3222' ? { ...k, navn: 'Lørenskog Ny' } : k)));
      writeFileSync(join(newer, 'postnummer.tsv'), readFileSync(join(newer, 'postnummer.tsv'), 'utf8').trimEnd() + '\n9998\tTESTSTED\t3222\tLØRENSKOG\tG\n');
      const { report, changes } = refreshReferenceData(newer, target);
      assert.deepEqual(report.problems, []);
      assert.deepEqual(changes?.municipalitiesRenamed, ['3222 Lørenskog → Lørenskog Ny']);
      assert.deepEqual(changes?.postcodesAdded, ['9998 TESTSTED (3222)']);
      assert.deepEqual(changes?.filesChanged, ['kommuner.json', 'postnummer.tsv']);
      assert.equal(readFileSync(join(target, 'postnummer.tsv'), 'utf8'), readFileSync(join(newer, 'postnummer.tsv'), 'utf8'));
      assert.deepEqual(verifyChecksums(target), [], 'the checksums describe what was taken in');
      assert.deepEqual(checkReferenceData(target, POPULATION).problems, []);
    } finally {
      cleanup();
    }
  });

  for (const [what, breakIt, expected] of [
    ['a postcode in a municipality the list lacks', (dir: string) => writeFileSync(join(dir, 'postnummer.tsv'), readFileSync(join(dir, 'postnummer.tsv'), 'utf8').replace(/\t3201\t/g, '\t3299\t')), /municipalities kommuner\.json lacks: 3299/],
    ['a new municipality without a population figure', (dir: string) => editJson(join(dir, 'kommuner.json'), (list) => [...(list as object[]), { kommunenummer: '3299', navn: 'Nykommune', fylkesnummer: '32', fylkesnavn: 'Akershus', offisieltNavn: 'Nykommune' }]), /folketall\.tsv has no population for 3299/],
    ['a Fiks schema KS’s own example fails', (dir: string) => editJson(join(dir, 'fiks-bekymringsmelding/schema/domain/v2/privat.bekymringsmelding.v2.json'), (schema) => ({ ...(schema as object), required: [...((schema as { required?: string[] }).required ?? []), 'finnesIkke'] })), /privatBekymringsmeldingV2\.json does not pass/],
    ['a Fiks Innsyn schema whose `$ref` names a schema the copy lacks', (dir: string) => rmSync(join(dir, 'fiks-innsyn/schema/domain/barnevern/part.v1.json')), /Fiks Innsyn schemas: schema\/domain\/barnevern\/(journalpost|mappe)\.v1\.json: can't resolve reference part\.v1\.json/],
    ['a Fiks Innsyn schema with a misspelt keyword', (dir: string) => editJson(join(dir, 'fiks-innsyn/schema/domain/barnevern/milepel.v1.json'), (schema) => ({ ...(schema as object), requried: ['navn'] })), /Fiks Innsyn schemas: schema\/domain\/barnevern\/milepel\.v1\.json: strict mode: unknown keyword: "requried"/],
    ['a Fiks Innsyn schema written for a draft we do not compile', (dir: string) => editJson(join(dir, 'fiks-innsyn/innsynsforespoersel/no.ks.fiks.innsynsforespoersel.journalpost.v1.forespoersel.svar.schema.json'), (schema) => ({ ...(schema as object), $schema: 'http://json-schema.org/draft-04/schema#' })), /Fiks Innsyn schemas: innsynsforespoersel\/no\.ks\.fiks\.innsynsforespoersel\.journalpost\.v1\.forespoersel\.svar\.schema\.json declares \$schema "http:\/\/json-schema\.org\/draft-04\/schema#"/],
    ['an SSB list without a conclusion code we use', (dir: string) => {
      const [before, conclusions] = readFileSync(join(dir, 'ssb-kodelister.md'), 'utf8').split('## 3. Konklusjon');
      writeFileSync(join(dir, 'ssb-kodelister.md'), `${before}## 3. Konklusjon${conclusions!.replace(/^\| 2 \|.*\n/m, '')}`);
    }, /Konklusjon no longer lists 2\b/],
    ['a missing file', (dir: string) => rmSync(join(dir, 'postnummer.tsv')), /postnummer\.tsv is missing/],
  ] as const) {
    test(`a newer copy with ${what} is refused, and data/ stays as it was`, () => {
      const { target, newer, cleanup } = copies();
      try {
        breakIt(newer);
        const before = snapshot(target);
        const { report, changes } = refreshReferenceData(newer, target);
        assert.equal(changes, undefined);
        assert.ok(report.problems.some((p) => expected.test(p)), report.problems.join('\n'));
        assert.equal(snapshot(target), before);
      } finally {
        cleanup();
      }
    });
  }
});
