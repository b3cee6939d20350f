// What a developer reads in the terminal: one short line per log entry, with the same redaction as
// the JSON that production writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, formatLogLine, logFormatFrom } from '../src/logger.ts';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (text: string) => void lines.push(text) } };
}

test('development writes readable lines, production and tests JSON, and LOG_FORMAT decides when set', () => {
  assert.equal(logFormatFrom({}, false), 'pretty');
  assert.equal(logFormatFrom({}, true), 'json');
  assert.equal(logFormatFrom({ NODE_ENV: 'test' }, false), 'json');
  assert.equal(logFormatFrom({ LOG_FORMAT: 'json' }, false), 'json');
  assert.equal(logFormatFrom({ LOG_FORMAT: 'pretty' }, true), 'pretty');
});

test('a request is one line: time, level, app, method, route, status and duration', () => {
  const time = Date.UTC(2026, 11, 7, 10, 38, 48);
  const line = formatLogLine(
    JSON.stringify({ level: 30, time, app: 'portal', reqId: 'req-1', req: { method: 'POST', route: '/meld/barn' }, res: { statusCode: 422 }, responseTime: 12.4, msg: 'request' }),
  );
  assert.equal(line, '11:38:48 INFO  portal POST /meld/barn 422 12 ms\n');
});

test('a message keeps its fields as key=value, and anything not JSON passes through untouched', () => {
  const line = formatLogLine(JSON.stringify({ level: 40, time: Date.UTC(2026, 0, 1, 12), app: 'mottak', service: '999000118', msg: 'pull failed; will retry' }));
  assert.equal(line, '13:00:00 WARN  mottak pull failed; will retry service=999000118\n');
  assert.equal(formatLogLine('not json'), 'not json');
});

test('the readable format is made from the redacted entry: a name or fnr logged by mistake stays hidden', () => {
  const { lines, stream } = capture();
  const log = createLogger('info', 'pretty', stream);
  log.info({ fnr: '01010012345', person: { name: 'Kari Nordmann' } }, 'oops');
  assert.equal(lines.length, 1);
  assert.doesNotMatch(lines[0]!, /01010012345|Kari/);
  assert.match(lines[0]!, /fnr=\[redacted\]/);
});
