// Public registry API in the Fiks shape, so clients written for Fiks can ask us where to send.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../web/errors.ts';
import { findMunicipalityByNumber } from './find-municipality.ts';
import { listDistricts, listMunicipalityAvailability } from './registry-queries.ts';

export async function registryApiPlugin(app: FastifyInstance): Promise<void> {
  app.get('/api/v1/kommuner', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return listMunicipalityAvailability(app.database.db);
  });

  app.get<{ Params: { kommunenummer: string } }>('/api/v1/kommuner/:kommunenummer/bydeler', async (request, reply) => {
    const { kommunenummer } = request.params;
    if (!/^\d{4}$/.test(kommunenummer)) throw new AppError('BAD_REQUEST', 'malformed kommunenummer', 'api.invalidKommunenummer');
    if (!findMunicipalityByNumber(kommunenummer)) throw new AppError('NOT_FOUND', 'unknown kommunenummer', 'api.unknownKommune');
    reply.header('cache-control', 'public, max-age=300');
    return listDistricts(app.database.db, kommunenummer);
  });
}
