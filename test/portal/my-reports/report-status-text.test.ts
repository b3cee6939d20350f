// The reporter's words for a report's status, and Norwegian dates and times across summer time and
// the turn of the year. No HTTP, no database.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../../../src/web/i18n.ts';
import { REPORT_STATUSES, TRANSITIONS, type DeliveryChannel, type ReportStatus, type TransitionCause } from '../../../src/domain/delivery/status.ts';
import { FEEDBACK_TYPES } from '../../../src/domain/delivery/feedback.ts';
import {
  describeCurrentStatus,
  describeFeedback,
  describeStatusEvent,
  findPostFallback,
  formatOsloTime,
  statusPhase,
} from '../../../src/portal/my-reports/report-status-text.ts';
import type { ReporterStatusEvent } from '../../../src/portal/my-reports/my-reports-store.ts';

const t = translator('nb');
const SERVICE = 'Barneverntjenesten i Bærum';
const NOW = new Date('2025-11-24T09:00:00Z');

function event(cause: TransitionCause, at: string): ReporterStatusEvent {
  return { status: TRANSITIONS[cause].to, cause, at: new Date(at) };
}

describe('formatOsloTime', () => {
  test('writes the day and the month in words with the time, in Oslo time, in the page language', () => {
    assert.equal(formatOsloTime('nb', new Date('2025-11-23T11:03:00Z'), NOW).text, '23. november kl. 12:03');
    assert.equal(formatOsloTime('nn', new Date('2025-01-05T08:07:00Z'), NOW).text, '5. januar kl. 09:07');
    assert.equal(formatOsloTime('en', new Date('2025-01-05T08:07:00Z'), NOW).text, '5 January at 09:07');
  });

  test('follows summer time', () => {
    assert.equal(formatOsloTime('nb', new Date('2025-03-30T00:30:00Z'), NOW).text, '30. mars kl. 01:30');
    assert.equal(formatOsloTime('nb', new Date('2025-03-30T01:30:00Z'), NOW).text, '30. mars kl. 03:30');
    assert.equal(formatOsloTime('en', new Date('2025-07-01T22:15:00Z'), NOW).text, '2 July at 00:15');
  });

  test('names the year only when it is not this year in Norway', () => {
    assert.equal(formatOsloTime('nb', new Date('2024-11-23T11:03:00Z'), NOW).text, '23. november 2024 kl. 12:03');
    // 23:30 UTC on New Year's Eve is already the new year in Oslo.
    assert.equal(formatOsloTime('nb', new Date('2024-12-31T23:30:00Z'), NOW).text, '1. januar kl. 00:30');
    assert.equal(formatOsloTime('en', new Date('2025-12-31T22:59:00Z'), new Date('2025-12-31T23:00:00Z')).text, '31 December 2025 at 23:59');
  });

  test('gives the instant for <time datetime>', () => {
    assert.equal(formatOsloTime('nb', new Date('2025-11-23T11:03:00Z'), NOW).iso, '2025-11-23T11:03:00.000Z');
  });
});

describe('describeCurrentStatus', () => {
  const at = new Date('2025-11-23T11:03:00Z');
  const cases: [ReportStatus, DeliveryChannel | null, string][] = [
    ['AKSEPTERT', null, 'Mottatt av portalen 23. november kl. 12:03'],
    ['SENDT_FAGSYSTEM', null, `Sendt til ${SERVICE} 23. november kl. 12:03 – venter på bekreftelse`],
    ['LEVERT', 'fagsystem', `Levert til ${SERVICE} 23. november kl. 12:03`],
    ['LEVERT', 'manuell', `Levert til ${SERVICE} 23. november kl. 12:03`],
    ['LEVERT', 'print', `Sendt i posten til ${SERVICE} 23. november kl. 12:03`],
    ['AVVIST_FAGSYSTEM', null, 'Barneverntjenestens system kunne ikke ta imot meldingen 23. november kl. 12:03 – vi sender den i posten'],
    ['SENDT_PRINT', null, `Sendes i posten til ${SERVICE} – vi startet utsendingen 23. november kl. 12:03`],
    ['AVVIST_PRINT', null, `Kunne ikke leveres til ${SERVICE} 23. november kl. 12:03 – ring barneverntjenesten`],
  ];
  for (const [status, channel, words] of cases) {
    test(`${status}${channel ? ` via ${channel}` : ''}`, () => {
      assert.equal(describeCurrentStatus(t, { status, deliveryChannel: channel, statusChangedAt: at, serviceName: SERVICE }, NOW), words);
    });
  }

  test('every status has words', () => {
    for (const status of REPORT_STATUSES) for (const channel of [null, 'fagsystem', 'manuell', 'print'] as const) {
      assert.ok(describeCurrentStatus(t, { status, deliveryChannel: channel, statusChangedAt: at, serviceName: SERVICE }, NOW).length > 0);
    }
  });
});

describe('describeStatusEvent', () => {
  test('tells each cause in plain words, the channel of a delivery included', () => {
    const expected: Record<TransitionCause, string> = {
      innsendt: 'Mottatt av portalen',
      publisert: `Sendt til ${SERVICE}`,
      mottatt: `Levert til ${SERVICE}`,
      'manuell-nedlasting': `Levert til ${SERVICE}`,
      feilet: 'Barneverntjenestens system kunne ikke ta imot meldingen',
      'frist-utlopt': `Ikke bekreftet innen to virkedager – sendes i posten til ${SERVICE}`,
      'print-sendt': `Sendes i posten til ${SERVICE}`,
      'print-levert': `Sendt i posten til ${SERVICE}`,
      'print-feilet': 'Kunne ikke sendes i posten',
    };
    for (const [cause, words] of Object.entries(expected) as [TransitionCause, string][]) {
      assert.equal(describeStatusEvent(t, event(cause, '2025-11-23T11:03:00Z'), SERVICE), words, cause);
    }
  });

  test('an unknown cause falls back to the status', () => {
    assert.equal(describeStatusEvent(t, { status: 'LEVERT', cause: 'noe-nytt', at: NOW }, SERVICE), `Levert til ${SERVICE}`);
  });
});

describe('findPostFallback', () => {
  const accepted = event('innsendt', '2025-11-20T10:00:00Z');
  const offered = event('publisert', '2025-11-20T10:00:01Z');

  test('none while the receiving system has it or confirmed it', () => {
    assert.equal(findPostFallback({ status: 'SENDT_FAGSYSTEM', events: [accepted, offered] }), undefined);
    assert.equal(findPostFallback({ status: 'LEVERT', events: [accepted, offered, event('mottatt', '2025-11-21T10:00:00Z')] }), undefined);
  });

  test('the deadline passed', () => {
    const events = [accepted, offered, event('frist-utlopt', '2025-11-24T10:00:00Z'), event('print-levert', '2025-11-24T10:01:00Z')];
    assert.equal(findPostFallback({ status: 'LEVERT', events }), 'deadline');
    assert.equal(findPostFallback({ status: 'SENDT_PRINT', events: events.slice(0, 3) }), 'deadline');
  });

  test('the receiving system refused it', () => {
    const events = [accepted, offered, event('feilet', '2025-11-21T10:00:00Z'), event('print-sendt', '2025-11-21T10:00:05Z')];
    assert.equal(findPostFallback({ status: 'SENDT_PRINT', events }), 'refused');
    // Refused but not yet handed to print: the status line already says it will go by post.
    assert.equal(findPostFallback({ status: 'AVVIST_FAGSYSTEM', events: events.slice(0, 3) }), undefined);
  });

  test('not said when printing failed as well', () => {
    const events = [accepted, offered, event('frist-utlopt', '2025-11-24T10:00:00Z'), event('print-feilet', '2025-11-24T10:01:00Z')];
    assert.equal(findPostFallback({ status: 'AVVIST_PRINT', events }), undefined);
  });
});

test('statusPhase tells post from the other channels only for LEVERT', () => {
  assert.equal(statusPhase('LEVERT', 'print'), 'posted');
  assert.equal(statusPhase('LEVERT', 'fagsystem'), 'delivered');
  assert.equal(statusPhase('SENDT_PRINT', 'print'), 'printing');
});

test('every feedback code has its own standard text naming the service, with nothing left to fill in', () => {
  const texts = FEEDBACK_TYPES.map((type) => describeFeedback(t, type, SERVICE));
  assert.equal(new Set(texts).size, FEEDBACK_TYPES.length);
  for (const text of texts) {
    assert.ok(text.startsWith(SERVICE), text);
    assert.doesNotMatch(text, /[{}]/);
  }
  assert.equal(describeFeedback(t, 'henlagt', SERVICE), `${SERVICE} har gått gjennom meldingen og henlagt den. Det betyr at de ikke starter en undersøkelse.`);
});
