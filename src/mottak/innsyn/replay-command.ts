// npm run mottak -- innsyn-replay --service <orgnr>: rebuilds the portal's citizen-services index of
// one service from mottak's cases (decision 024), for an operator after the portal lost or doubts its
// copy. Prints what was sent and what the portal deleted; exit 0 only when the replay completed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MottakConfig } from '../config.ts';
import type { MottakDatabase } from '../db/mottak-database.ts';
import { readTenantFolders } from '../pull/tenants.ts';
import { InnsynClient } from './innsyn-client.ts';
import { replayService } from './publish-cases.ts';

export async function runInnsynReplay(config: MottakConfig, database: MottakDatabase, orgnr: string | undefined): Promise<number> {
  if (!orgnr || !/^\d{9}$/.test(orgnr)) {
    console.error('Bruk: npm run mottak -- innsyn-replay --service <organisasjonsnummer>');
    return 2;
  }
  const folder = readTenantFolders(config.keysDir).find((t) => t.orgnr === orgnr);
  const service = await database.db.selectFrom('services').select('id').where('orgnr', '=', orgnr).executeTakeFirst();
  if (!folder || !service) {
    console.error(`Fant ingen tjeneste med organisasjonsnummer ${orgnr} i nøkkelmappen og databasen.`);
    return 1;
  }
  const client = new InnsynClient({ portalUrl: config.portalUrl, tokenIssuer: config.tokenIssuer, clientId: folder.clientId, integrationKeyPem: readFileSync(join(folder.dir, 'integration.key.pem'), 'utf8') });
  try {
    const result = await replayService(database.db, { serviceId: service.id, orgnr }, client);
    console.log(`${orgnr}: ${result.cases} saker, ${result.indexed} elementer indeksert, ${result.deleted} slettet i portalen.`);
    return 0;
  } catch (error) {
    console.error(`Replay avbrutt: ${(error as Error).message}`);
    return 1;
  }
}
