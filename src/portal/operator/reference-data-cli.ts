// npm run reference-data -- check [--dir <folder>]
// npm run reference-data -- refresh --from <newer copy> [--to <folder>]
// Maintainers' tool for the repository's data/ (decision 002). `refresh` checks the newer copy (for
// instance ../shared/data) with the code that reads it, takes it in only when it passes, and prints
// what changed for the commit message and data/SOURCES.md.
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledReferenceDataDir } from '../../reference-data.ts';
import { checkReferenceData, refreshReferenceData, verifyChecksums, type ReferenceDataChanges } from './reference-data.ts';

const USAGE = `Usage:
  npm run reference-data -- check [--dir <folder>]
  npm run reference-data -- refresh --from <newer copy> [--to <folder>]`;

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

let parsed;
try {
  parsed = parseArgs({ options: { dir: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } }, allowPositionals: true });
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const [command] = parsed.positionals;

function printList(title: string, items: string[]): void {
  if (!items.length) return;
  console.log(`${title} (${items.length}):`);
  for (const item of items.slice(0, 40)) console.log(`  ${item}`);
  if (items.length > 40) console.log(`  … and ${items.length - 40} more`);
}

function printChanges(changes: ReferenceDataChanges): void {
  printList('Municipalities added', changes.municipalitiesAdded);
  printList('Municipalities removed', changes.municipalitiesRemoved);
  printList('Municipalities renamed', changes.municipalitiesRenamed);
  printList('Postcodes added', changes.postcodesAdded);
  printList('Postcodes removed', changes.postcodesRemoved);
  printList('Postcodes changed', changes.postcodesChanged);
  printList('Files changed', changes.filesChanged);
}

if (command === 'check') {
  const dir = resolve(parsed.values.dir ?? bundledReferenceDataDir());
  const report = checkReferenceData(dir, join(bundledReferenceDataDir(), 'folketall.tsv'));
  const problems = [...report.problems, ...verifyChecksums(dir).map((p) => `${p} since the last refresh (edit data/ only through refresh)`)];
  console.log(`${dir}: ${report.municipalities} municipalities, ${report.postcodes} postcodes.`);
  if (problems.length) fail(problems.map((p) => `✗ ${p}`).join('\n'), 1);
  console.log('✓ The reference data passes every check.');
} else if (command === 'refresh') {
  if (!parsed.values.from) fail(`refresh needs --from.\n${USAGE}`);
  const from = resolve(parsed.values.from);
  const to = resolve(parsed.values.to ?? bundledReferenceDataDir());
  const { report, changes } = refreshReferenceData(from, to);
  if (!changes) fail(`Not taken in: ${from} fails the checks, and ${to} is unchanged.\n${report.problems.map((p) => `✗ ${p}`).join('\n')}`, 1);
  console.log(`Took in ${from} → ${to}: ${report.municipalities} municipalities, ${report.postcodes} postcodes.`);
  if (Object.values(changes).every((list) => list.length === 0)) console.log('Nothing changed.');
  else {
    printChanges(changes);
    console.log('\nRecord the source and date in data/SOURCES.md, run npm test, and commit data/ with this summary.');
  }
} else {
  fail(USAGE);
}
