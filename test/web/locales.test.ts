// Every text a person reads comes from the locale files, and every language we promise has all of
// them: a key missing in nynorsk would throw on the nynorsk page, and a sentence written straight into
// a component would show in Bokmål on the English one. Which languages a namespace must have is
// stated once, in NAMESPACE_LANGUAGES (src/web/i18n.ts).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';
import { LANGUAGES, LOCALES_DIR, NAMESPACE_LANGUAGES, type Language } from '../../src/web/i18n.ts';
import { repoRoot } from '../../src/reference-data.ts';

function flatten(prefix: string, value: unknown, out: Map<string, string>): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else for (const [k, v] of Object.entries(value as object)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
  return out;
}

function readNamespace(lang: Language, namespace: string): Map<string, string> {
  return flatten('', JSON.parse(readFileSync(join(LOCALES_DIR, lang, `${namespace}.json`), 'utf8')), new Map());
}

function namespacesOn(lang: Language): string[] {
  try {
    return readdirSync(join(LOCALES_DIR, lang))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
  } catch {
    return [];
  }
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  test('each language has exactly the namespaces it is written in', () => {
    for (const lang of LANGUAGES) {
      const expected = Object.entries(NAMESPACE_LANGUAGES)
        .filter(([, languages]) => languages.includes(lang))
        .map(([namespace]) => namespace)
        .sort();
      assert.deepEqual(namespacesOn(lang), expected, `locales/${lang}/ (a namespace new in nb needs a line in NAMESPACE_LANGUAGES)`);
    }
  });

  test('every key of a namespace is in each of its languages, and no language has a key the others lack', () => {
    const problems: string[] = [];
    for (const [namespace, languages] of Object.entries(NAMESPACE_LANGUAGES)) {
      const reference = readNamespace('nb', namespace);
      for (const lang of languages.filter((l) => l !== 'nb')) {
        const messages = readNamespace(lang, namespace);
        for (const key of reference.keys()) if (!messages.has(key)) problems.push(`${lang}: missing ${namespace}.${key}`);
        for (const key of messages.keys()) if (!reference.has(key)) problems.push(`${lang}: ${namespace}.${key} is not in nb`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test('a translation keeps every placeholder of the Bokmål text, and adds none', () => {
    const problems: string[] = [];
    for (const [namespace, languages] of Object.entries(NAMESPACE_LANGUAGES)) {
      const reference = readNamespace('nb', namespace);
      for (const lang of languages.filter((l) => l !== 'nb')) {
        for (const [key, text] of readNamespace(lang, namespace)) {
          const expected = reference.get(key);
          if (expected !== undefined && placeholders(text).join() !== placeholders(expected).join()) {
            problems.push(`${lang}: ${namespace}.${key} has {${placeholders(text).join('}, {')}}, nb has {${placeholders(expected).join('}, {')}}`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test('no text is empty, and each language names itself for the switcher', () => {
    for (const lang of LANGUAGES) {
      for (const namespace of namespacesOn(lang)) {
        for (const [key, text] of readNamespace(lang, namespace)) assert.notEqual(text.trim(), '', `${lang}: ${namespace}.${key} is empty`);
      }
    }
    const names = LANGUAGES.map((lang) => readNamespace(lang, 'common').get('language.endonym'));
    assert.deepEqual(names, ['Bokmål', 'Nynorsk', 'English', 'Davvisámegiella']);
  });

  test('the check reads the files it claims to: a missing key and a lost placeholder are seen', () => {
    // The comparisons above, on a pair made to differ, so a check that compares nothing cannot pass.
    const nb = new Map([
      ['a', 'Hei {name}'],
      ['b', 'To'],
    ]);
    const other = new Map([['a', 'Hello']]);
    assert.deepEqual([...nb.keys()].filter((k) => !other.has(k)), ['b']);
    assert.notEqual(placeholders(other.get('a')!).join(), placeholders(nb.get('a')!).join());
    assert.ok(readNamespace('nn', 'journey').size > 200, 'the nynorsk journey is read');
  });
});

// ---- Plain language in the guidance ----

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).filter((s) => /\p{L}/u.test(s));
const wordsIn = (sentence: string) => sentence.split(/\s+/).filter(Boolean).length;
/**
 * Who the guidance talks to: the reader, by the second-person pronoun. Northern Sámi marks the person
 * on the verb ("sáhtát", you can) and often drops the pronoun, so there the native-speaker review
 * judges it (decision 013).
 */
const SECOND_PERSON: Partial<Record<Language, RegExp>> = { nb: /\b(du|deg|din|ditt|dine)\b/iu, nn: /\b(du|deg|din|ditt|dine)\b/iu, en: /\b(you|your)\b/i };

describe('the guidance is plain', () => {
  // Short sentences, addressed to the reader (issue 6; Klarspråk): the start page's guidance, and
  // the pages the footer links to (help, about, privacy, cookies, accessibility; issue 17).
  const GUIDANCE: Record<string, string[]> = {
    start: ['lead', 'when.unsure', 'talk.body', 'anonymous.body', 'who.body', 'next.body'],
    info: ['help.lead', 'help.interrupted.saved', 'help.noLogin.body', 'help.after.body', 'privacy.lead', 'cookies.delete.body', 'accessibility.feedback.body'],
  };

  for (const [namespace, guidance] of Object.entries(GUIDANCE)) {
    for (const lang of NAMESPACE_LANGUAGES[namespace]!) {
      test(`${namespace}, ${lang}: sentences of at most 26 words, about 15 on average${SECOND_PERSON[lang] ? ', and every paragraph speaks to "you"' : ''}`, () => {
        const texts = readNamespace(lang, namespace);
        const sentences = [...texts.values()].flatMap(sentencesOf);
        const long = sentences.filter((s) => wordsIn(s) > 26);
        assert.deepEqual(long, [], 'sentences over 26 words');
        const average = sentences.reduce((sum, s) => sum + wordsIn(s), 0) / sentences.length;
        assert.ok(average <= 16, `average sentence length ${average.toFixed(1)} words`);
        const secondPerson = SECOND_PERSON[lang];
        if (secondPerson) for (const key of guidance) assert.match(texts.get(key)!, secondPerson, `${lang}:${namespace}.${key} speaks to the reader`);
      });
    }
  }
});

// ---- No UI text outside the locale files ----

/** Attributes a person reads or hears. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'alt', 'placeholder', 'label', 'legend', 'description', 'heading', 'summary', 'hint']);

/**
 * Text that is not language: numbers, codes, punctuation and symbols; and the few values that are
 * the same in every language (phone numbers, product names, units).
 */
function isLanguageNeutral(text: string): boolean {
  const trimmed = text.trim();
  if (!/\p{L}/u.test(trimmed)) return true;
  return /^(?:PDF|ID-porten|Fiks|[A-Z]{1,4}|kB|MB|B|§)$/.test(trimmed);
}

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return entry.endsWith('.tsx') ? [path] : [];
  });
}

interface Finding {
  file: string;
  line: number;
  text: string;
}

/** JSX text and read attributes written as literals in one component file. */
function literalTexts(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: text.trim().slice(0, 60) });
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && !isLanguageNeutral(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sf)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) ? init.expression : undefined;
      if (literal && !isLanguageNeutral(literal.text)) report(node, literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

describe('UI text lives in the locale files', () => {
  test('no component writes a sentence, label or attribute text of its own', () => {
    const src = join(repoRoot(), 'src');
    const findings = tsxFiles(src).flatMap((file) => literalTexts(relative(repoRoot(), file), readFileSync(file, 'utf8')));
    assert.deepEqual(
      findings.map((f) => `${f.file}:${f.line} «${f.text}»`),
      [],
    );
  });

  test('the scan sees text in JSX and in read attributes, and lets numbers and symbols through', () => {
    const sample = `const a = <p class="x" aria-label="Lukk">Hei på deg <b>{t('k')}</b> – 112 <span title="§">{' / '}</span></p>;`;
    const found = literalTexts('sample.tsx', sample).map((f) => f.text);
    assert.deepEqual(found, ['Lukk', 'Hei på deg']);
  });
});
