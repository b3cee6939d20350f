// pino with redaction as a second wall: code never logs personal data, and if a field slips in by
// name it is censored. Request logs carry method, path template and status only.
// Production and tests write JSON lines; development writes one short line a person can read
// (LOG_FORMAT overrides), formatted from the same redacted JSON.
import { Writable } from 'node:stream';
import pino, { type DestinationStream } from 'pino';

export type LogFormat = 'json' | 'pretty';

export function logFormatFrom(env: NodeJS.ProcessEnv, production: boolean): LogFormat {
  if (env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty') return env.LOG_FORMAT;
  return production || env.NODE_ENV === 'test' ? 'json' : 'pretty';
}

export function createLogger(level: string, format: LogFormat = 'json', destination?: DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: ['fnr', 'name', 'person', 'body', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.fnr', '*.name', '*.body'],
        censor: '[redacted]',
      },
      serializers: {
        req: (req: { method: string; routeOptions?: { url?: string }; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          // The route template, never the concrete URL: query strings may carry a search.
          route: req.routeOptions?.url ?? 'unmatched',
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    },
    format === 'pretty' ? prettyDestination(destination ?? process.stdout) : (destination ?? pino.destination(1)),
  );
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** Fields every line has, or that the line's own layout shows; the rest are printed as key=value. */
const SHOWN_ELSEWHERE = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'app']);

/** One JSON log line as a person reads it: `11:38:48 INFO  portal GET /meld/barn 200 12 ms`. */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = new Date(Number(entry.time)).toLocaleTimeString('nb-NO', { hour12: false, timeZone: 'Europe/Oslo' });
  const level = (LEVEL_NAMES[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const parts = [time, level];
  if (typeof entry.app === 'string') parts.push(entry.app.padEnd(6));
  const req = entry.req as { method?: string; route?: string } | undefined;
  const res = entry.res as { statusCode?: number } | undefined;
  if (req?.method && res?.statusCode !== undefined) {
    parts.push(`${req.method} ${req.route ?? ''} ${res.statusCode}${typeof entry.responseTime === 'number' ? ` ${Math.round(entry.responseTime)} ms` : ''}`);
  }
  if (typeof entry.msg === 'string' && entry.msg !== 'request') parts.push(entry.msg);
  const rest = Object.entries(entry).filter(([key]) => !SHOWN_ELSEWHERE.has(key));
  if (rest.length) parts.push(rest.map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' '));
  return parts.join(' ') + '\n';
}

function prettyDestination(out: { write(text: string): unknown }): DestinationStream {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) out.write(formatLogLine(line));
      callback();
    },
  });
}
