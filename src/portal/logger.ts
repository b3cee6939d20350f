// The portal's logger: the shared pino set-up (no personal data), each line marked app=portal.
import type { FastifyBaseLogger } from 'fastify';
import { createLogger } from '../logger.ts';
import type { Config } from './config.ts';

export function portalLogger(config: Config): FastifyBaseLogger {
  return createLogger(config.logLevel, config.logFormat).child({ app: 'portal' }) as FastifyBaseLogger;
}
