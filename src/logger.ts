// pino with redaction as a second wall: code never logs personal data, and if a field slips in by
// name it is censored. Request logs carry method, path template and status only.
import pino from 'pino';

export function createLogger(level: string) {
  return pino({
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
  });
}
