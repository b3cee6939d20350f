// The step rules on their own: wrong types read as empty, never as a crash; counts and lengths are
// bounded; the consent record is demanded exactly when the duty is not triggered.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDateInput, readList, readText } from '../../../src/domain/validation/form-input.ts';
import { readChildren, validateChildren } from '../../../src/domain/validation/validate-children.ts';
import { validateGuardians } from '../../../src/domain/validation/validate-guardians.ts';
import { validateConcern, validateDuty, validateProfessionalReporter, validateReporterType } from '../../../src/domain/validation/validate-steps.ts';
import { MAX_CHILDREN } from '../../../src/domain/report.ts';

const NOW = new Date('2026-06-15T12:00:00Z');

const fields = (issues: { field: string }[]) => issues.map((i) => i.field).sort();

describe('reading form input', () => {
  test('readText: a string, the first of a list, or empty for anything else', () => {
    assert.equal(readText({ a: ' x ' }, 'a'), 'x');
    assert.equal(readText({ a: ['first', 'second'] }, 'a'), 'first');
    assert.equal(readText({ a: [] }, 'a'), '');
    assert.equal(readText({ a: [{ value: 'x' }] }, 'a'), '');
    assert.equal(readText({ a: 42 }, 'a'), '');
    assert.equal(readText({ a: null }, 'a'), '');
    assert.equal(readText({ a: { toString: () => 'x' } }, 'a'), '');
    assert.equal(readText({}, 'a'), '');
    assert.equal(readText({ a: 'Bærum'.normalize('NFD') }, 'a'), 'Bærum', 'normalised to NFC');
    assert.equal(readText(Object.create(null), '__proto__'), '');
    assert.equal(readText({}, 'constructor'), '', 'inherited properties are not input');
  });

  test('readList: strings only, trimmed, empties dropped', () => {
    assert.deepEqual(readList({ a: ['x', ' y ', '', 3, null, ['z']] }, 'a'), ['x', 'y']);
    assert.deepEqual(readList({ a: 'x' }, 'a'), ['x']);
    assert.deepEqual(readList({}, 'a'), []);
    assert.deepEqual(readList({ a: { 0: 'x' } }, 'a'), []);
  });

  test('parseDateInput accepts Norwegian and ISO forms, rejects impossible dates', () => {
    assert.equal(parseDateInput('16.08.2016'), '2016-08-16');
    assert.equal(parseDateInput('16/8/2016'), '2016-08-16');
    assert.equal(parseDateInput('2016-08-16'), '2016-08-16');
    assert.equal(parseDateInput('29.02.2024'), '2024-02-29');
    for (const bad of ['29.02.2023', '31.04.2020', '00.01.2020', '2016-13-01', 'i går', '16.08.16', '', '16.08.2016 ', '1e3']) assert.equal(parseDateInput(bad), null, bad);
  });
});

describe('step rules', () => {
  test('reporter type: exactly one of the two', () => {
    assert.equal(validateReporterType({ reporterType: 'private' }).value, 'private');
    assert.deepEqual(fields(validateReporterType({ reporterType: 'admin' }).issues), ['reporterType']);
    assert.deepEqual(fields(validateReporterType({ reporterType: ['x', 'private'] }).issues), ['reporterType']);
    assert.deepEqual(fields(validateReporterType({}).issues), ['reporterType']);
  });

  test('duty: at least one ground or "none", never both; unknown grounds are ignored', () => {
    assert.deepEqual(validateDuty({ grounds: ['seriousNeglect', 'bogus'] }), { value: { grounds: ['seriousNeglect'] }, issues: [] });
    assert.deepEqual(validateDuty({ grounds: 'none' }), { value: { grounds: [] }, issues: [] });
    assert.deepEqual(fields(validateDuty({ grounds: ['bogus'] }).issues), ['grounds']);
    assert.equal(validateDuty({ grounds: ['mistreatedAtHome', 'none'] }).issues[0]?.code, 'dutyContradiction');
    assert.deepEqual(fields(validateDuty({}).issues), ['grounds']);
  });

  test('the child count is a whole number from 1 to 10, whatever is posted', () => {
    const counts: [unknown, number][] = [
      ['1', 1],
      ['3', 3],
      ['-3', 1],
      ['0', 1],
      ['', 1],
      ['abc', 1],
      ['2.9', 2],
      ['1e9', MAX_CHILDREN],
      ['Infinity', MAX_CHILDREN],
      ['-Infinity', 1],
      ['NaN', 1],
      [['4', '1'], 4],
      [{ n: 5 }, 1],
      [undefined, 1],
    ];
    for (const [childCount, expected] of counts) {
      assert.equal(readChildren({ childCount }).length, expected, `readChildren ${String(childCount)}`);
      const result = validateChildren({ childCount }, NOW);
      assert.equal(result.value.length, expected, `validateChildren ${String(childCount)}`);
      assert.ok(result.issues.length >= 1, `an empty post is never accepted (${String(childCount)})`);
    }
  });

  test('a child: identification decides which field is required; wrong values are named by field', () => {
    const base = { childCount: '1', 'child-0-name': 'Ola', 'child-0-informed': 'yes' };
    assert.deepEqual(validateChildren({ ...base, 'child-0-identification': 'estimatedAge', 'child-0-estimatedAge': '8' }, NOW).issues, []);
    assert.deepEqual(fields(validateChildren({ ...base, 'child-0-identification': 'fnr', 'child-0-fnr': '12345678901' }, NOW).issues), ['child-0-fnr']);
    assert.deepEqual(fields(validateChildren({ ...base, 'child-0-identification': 'birthDate', 'child-0-birthDate': '01.01.2027' }, NOW).issues), ['child-0-birthDate']);
    assert.deepEqual(fields(validateChildren({ ...base, 'child-0-identification': 'estimatedAge', 'child-0-estimatedAge': '19' }, NOW).issues), ['child-0-estimatedAge']);
    assert.deepEqual(fields(validateChildren({ ...base, 'child-0-name': 'Ola\nNordmann', 'child-0-identification': 'estimatedAge', 'child-0-estimatedAge': '8' }, NOW).issues), ['child-0-name']);
    // "Informed: no" needs a reason.
    assert.deepEqual(fields(validateChildren({ ...base, 'child-0-identification': 'estimatedAge', 'child-0-estimatedAge': '8', 'child-0-informed': 'no' }, NOW).issues), ['child-0-notInformedReason']);
  });

  test('a child’s name is asked as well as the reporter knows it: no name is no mistake', () => {
    const child = validateChildren({ childCount: '1', 'child-0-identification': 'estimatedAge', 'child-0-estimatedAge': '8', 'child-0-informed': 'yes' }, NOW);
    assert.deepEqual(child.issues, []);
    assert.equal(child.value[0]!.name, '');
  });

  test('an unborn child is not asked whether it knows, and its due date is ahead, within ten months', () => {
    const unborn = (extra: Record<string, string> = {}) => validateChildren({ childCount: '1', 'child-0-identification': 'unborn', ...extra }, NOW);
    assert.deepEqual(unborn().issues, []);
    assert.deepEqual(unborn().value[0]!.informed, 'no');
    // Whatever the form says about knowing is not judged.
    assert.deepEqual(unborn({ 'child-0-informed': 'no', 'child-0-notInformedReason': '' }).issues, []);
    assert.deepEqual(unborn({ 'child-0-dueDate': '01.03.2027' }).issues, []);
    assert.deepEqual(unborn({ 'child-0-dueDate': '01.03.2026' }).issues, [{ field: 'child-0-dueDate', code: 'dueDatePast', params: undefined }]);
    assert.deepEqual(unborn({ 'child-0-dueDate': '01.12.2027' }).issues, [{ field: 'child-0-dueDate', code: 'dueDateTooFar', params: undefined }]);
    assert.deepEqual(unborn({ 'child-0-dueDate': '31.02.2027' }).issues, [{ field: 'child-0-dueDate', code: 'dueDateInvalid', params: undefined }]);
  });

  test('guardians: a blank block means none; a reason longer than 500 characters is refused', () => {
    assert.deepEqual(validateGuardians({}), { value: [], issues: [] });
    assert.deepEqual(fields(validateGuardians({ 'guardian-1-phone': '123' }).issues), ['guardian-1-informed', 'guardian-1-name', 'guardian-1-phone']);
    const long = validateGuardians({ 'guardian-0-name': 'Per', 'guardian-0-informed': 'no', 'guardian-0-notInformedReason': 'x'.repeat(501) });
    assert.equal(long.issues[0]?.code, 'tooLong');
  });

  test('concern: 20,000 characters is the limit, counted in code points', () => {
    const base = { categories: '2.4.05', urgency: 'normal', interpreterNeed: 'no' };
    assert.deepEqual(validateConcern({ ...base, whatHappened: '😀'.repeat(20_000) }).issues, []);
    const tooLong = validateConcern({ ...base, whatHappened: 'x'.repeat(20_001) });
    assert.deepEqual(tooLong.issues, [{ field: 'whatHappened', code: 'tooLong', params: { max: 20_000 } }]);
    assert.deepEqual(fields(validateConcern({ ...base, whatHappened: 'x', categories: ['2.4.05', 'x'] }).issues), ['categories']);
    // Control characters are dropped from free text, line breaks kept.
    assert.equal(validateConcern({ ...base, whatHappened: 'a\u0000b\r\nc' }).value.whatHappened, 'ab\nc');
  });

  test('professional reporter: a consent record exactly when the duty is not triggered', () => {
    const teacher = { role: 'Lærer', employerName: 'Skolen', workPhone: '22000000', email: 'a@b.no' };
    assert.deepEqual(validateProfessionalReporter(teacher, true, NOW).issues, []);
    assert.equal(validateProfessionalReporter(teacher, true, NOW).value.consent, null);
    assert.deepEqual(fields(validateProfessionalReporter(teacher, false, NOW).issues), ['childOver15', 'consentDate', 'howRecorded', 'parentsConsented']);
    const consent = { parentsConsented: 'true', childOver15: 'notApplicable', consentDate: '10.06.2026', howRecorded: 'Møte' };
    const ok = validateProfessionalReporter({ ...teacher, ...consent }, false, NOW);
    assert.deepEqual(ok.issues, []);
    assert.deepEqual(ok.value.consent, { parentsConsented: true, childOver15: 'notApplicable', consentDate: '2026-06-10', howRecorded: 'Møte' });
    assert.equal(validateProfessionalReporter({ ...teacher, ...consent, childOver15: 'no' }, false, NOW).issues[0]?.code, 'childConsentRequired');
    assert.equal(validateProfessionalReporter({ ...teacher, ...consent, consentDate: '16.06.2026' }, false, NOW).issues[0]?.code, 'consentDateFuture');
    // 00:30 on 16 June in Norway is still 15 June in UTC: consent given "today" is not in the future.
    const justAfterMidnight = new Date('2026-06-15T22:30:00Z');
    assert.deepEqual(validateProfessionalReporter({ ...teacher, ...consent, consentDate: '16.06.2026' }, false, justAfterMidnight).issues, []);
    assert.equal(validateProfessionalReporter({ ...teacher, ...consent, consentDate: '17.06.2026' }, false, justAfterMidnight).issues[0]?.code, 'consentDateFuture');
  });
});
