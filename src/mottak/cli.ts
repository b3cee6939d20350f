// npm run mottak -- verify-audit [--service <orgnr>]
// Checks every service's audit chain (or one): exit 0 when whole, 1 with the first broken entry.
// npm run mottak -- innsyn-replay --service <orgnr>
// Rebuilds the portal's citizen-services index of one service (src/mottak/innsyn/replay-command.ts).
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadMottakConfig } from './config.ts';
import { openMottakDatabase } from './db/mottak-database.ts';
import { verifyAuditChain } from './audit/audit-log.ts';
import { runInnsynReplay } from './innsyn/replay-command.ts';

const USAGE = 'Bruk: npm run mottak -- verify-audit [--service <orgnr>] | innsyn-replay --service <orgnr>';
const { values, positionals } = parseArgs({ allowPositionals: true, options: { service: { type: 'string' } } });
if (positionals[0] !== 'verify-audit' && positionals[0] !== 'innsyn-replay') {
  console.error(USAGE);
  process.exit(2);
}
const config = loadMottakConfig();
const database = await openMottakDatabase({ databaseUrl: config.databaseUrl, pgliteDir: join(config.dataDir, 'db') }).catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
if (positionals[0] === 'innsyn-replay') {
  const code = await runInnsynReplay(config, database, values.service).finally(() => database.close());
  process.exit(code);
}
let broken = 0;
try {
  let query = database.db.selectFrom('services').select(['id', 'orgnr', 'name']).orderBy('orgnr');
  if (values.service) query = query.where('orgnr', '=', values.service);
  const services = await query.execute();
  if (values.service && services.length === 0) {
    console.error(`Fant ingen tjeneste med organisasjonsnummer ${values.service}.`);
    broken = 1;
  }
  for (const service of services) {
    const result = await verifyAuditChain(database.db, service.id);
    if (result.ok) console.log(`OK      ${service.orgnr} ${service.name}: ${result.entries} oppføringer`);
    else {
      broken++;
      console.log(`BRUTT   ${service.orgnr} ${service.name}: oppføring ${result.problem!.seq} (${result.problem!.reason})`);
    }
  }
} finally {
  await database.close();
}
process.exit(broken ? 1 : 0);
