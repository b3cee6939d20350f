// The innsyn key file and the sealing of index items (decision 024): each item under a data key of
// its own, wrapped by the innsyn key; a rotated key still opens what it wrapped; an item moved to
// another row, or a file with a bad line, opens nothing and starts nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InnsynKeyError, itemContext, loadInnsynKeys, newInnsynKeyFile, openItem, parseInnsynKeyFile, sealItem } from '../../../src/portal/innsyn/innsyn-keys.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters';

function keysFrom(text: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'innsyn-keys-')), 'key.txt');
  writeFileSync(file, text);
  return loadInnsynKeys(file, SECRET);
}

test('an item opens with its context and key, and with nothing else', () => {
  const keys = keysFrom(newInnsynKeyFile());
  const context = itemContext('service', 'message', keys.personHash('12345678901'));
  const { sealed, wrappedKey } = sealItem(keys, '{"tittel":"Vedtak"}', context);
  assert.ok(!sealed.includes(Buffer.from('Vedtak')));
  assert.equal(openItem(keys, { sealed, wrapped_key: wrappedKey }, context), '{"tittel":"Vedtak"}');
  assert.equal(openItem(keys, { sealed, wrapped_key: wrappedKey }, itemContext('service', 'message', keys.personHash('10987654321'))), undefined, 'another person’s row');
  assert.equal(openItem(keysFrom(newInnsynKeyFile()), { sealed, wrapped_key: wrappedKey }, context), undefined, 'another installation’s key');
});

test('rotation: the new key wraps from now on, the old one still opens what it wrapped', () => {
  const old = newInnsynKeyFile();
  const before = keysFrom(old);
  const context = itemContext('s', 'm', before.personHash('12345678901'));
  const item = sealItem(before, '"kept"', context);
  const fresh = newInnsynKeyFile().replace(/^1 /, '2 ');
  const rotated = keysFrom(`${fresh}${old}`);
  assert.equal(rotated.ring[0]!.id, 2);
  assert.equal(openItem(rotated, { sealed: item.sealed, wrapped_key: item.wrappedKey }, context), '"kept"');
  assert.equal(rotated.personHash('12345678901'), before.personHash('12345678901'), 'the person is found across a rotation');
});

test('a key file that is not one key a line is refused before anything starts', () => {
  for (const text of ['', '# only a comment\n', '1 tooshort\n', `300 ${Buffer.alloc(32).toString('base64')}\n`, `1 ${Buffer.alloc(32).toString('base64')}\n1 ${Buffer.alloc(32, 1).toString('base64')}\n`]) {
    assert.throws(() => parseInnsynKeyFile(text), InnsynKeyError, JSON.stringify(text));
  }
});
