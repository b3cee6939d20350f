import { createHash } from 'node:crypto';
import { demoServices } from '../demo-services.ts';

export const CASEWORKER_ROLES = ['saksbehandler', 'leder'] as const;
export type CaseworkerRole = (typeof CASEWORKER_ROLES)[number];

export interface DevCaseworker {
  /** Stable pseudonymous subject, as the municipality's IdP would issue. */
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  /** The organisation number of the child welfare service the caseworker works for. */
  readonly serviceOrgnr: string;
  readonly serviceName: string;
  readonly roles: readonly CaseworkerRole[];
}

// Made-up people. The addresses are under .test (RFC 2606) so a slip can never mail anyone real.
const NAMED_CASEWORKERS: readonly { service: string; name: string; email: string; roles: CaseworkerRole[] }[] = [
  { service: 'Barneverntjenesten i bydel Gamle Oslo', name: 'Ingrid Solheim Bakke', email: 'ingrid.bakke@gamle-oslo.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i bydel Gamle Oslo', name: 'Tor Erik Lunde', email: 'tor.erik.lunde@gamle-oslo.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i bydel Grünerløkka', name: 'Amina Hassan Dahl', email: 'amina.dahl@grunerlokka.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Trondheim', name: 'Sigrid Aune', email: 'sigrid.aune@trondheim.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Trondheim', name: 'Magnus Rørvik', email: 'magnus.rorvik@trondheim.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i Bergen', name: 'Henrik Fjeld Tveit', email: 'henrik.tveit@bergen.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Bergen', name: 'Kari Lie Haugland', email: 'kari.haugland@bergen.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i Stavanger', name: 'Nora Eide Tjelta', email: 'nora.tjelta@stavanger.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Stavanger', name: 'Espen Skadberg', email: 'espen.skadberg@stavanger.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i Kristiansand', name: 'Jonas Kvinlaug', email: 'jonas.kvinlaug@kristiansand.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Kristiansand', name: 'Hilde Omdal Løvås', email: 'hilde.lovas@kristiansand.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i Bærum', name: 'Marte Sandvik', email: 'marte.sandvik@baerum.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Bærum', name: 'Anders Hovik Berg', email: 'anders.berg@baerum.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i Asker', name: 'Sofie Heggedal', email: 'sofie.heggedal@asker.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Asker', name: 'Per Arne Vollen', email: 'per.arne.vollen@asker.barnevern.test', roles: ['leder'] },
  { service: 'Sør-Helgeland barneverntjeneste', name: 'Eirin Hamnes', email: 'eirin.hamnes@sor-helgeland.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Sør-Helgeland barneverntjeneste', name: 'Rune Tilrem', email: 'rune.tilrem@sor-helgeland.barnevern.test', roles: ['leder'] },
];

const SERVICES = demoServices();

// Named ones are checked against the registry so a renamed service fails here at start rather than
// at login.
for (const c of NAMED_CASEWORKERS) {
  if (!SERVICES.some((s) => s.name === c.service)) throw new Error(`the demo registry has no service named "${c.service}"`);
}

/**
 * A service without named caseworkers (most of Oslo's districts) gets one saksbehandler named after
 * it, so every demo service can be tried in mottak: "Saksbehandler Sagene".
 */
function patternCaseworker(serviceName: string): { name: string; email: string; roles: CaseworkerRole[] } {
  const place = serviceName.replace(/^Barneverntjenesten i (bydel )?/, '');
  const domain = place
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
  return { name: `Saksbehandler ${place}`, email: `saksbehandler@${domain}.barnevern.test`, roles: ['saksbehandler'] };
}

// Derived rather than random so a caseworker keeps the same sub across restarts, as with a real IdP.
function pseudonymousSub(email: string): string {
  return createHash('sha256').update(`meldeportal-dev-caseworker-idp:${email}`).digest('base64url');
}

// In the registry's order, which is the order of the services in the stand-in's picker.
export const DEV_CASEWORKERS: readonly DevCaseworker[] = Object.freeze(
  SERVICES.flatMap((service) => {
    const named = NAMED_CASEWORKERS.filter((c) => c.service === service.name);
    return (named.length > 0 ? named : [patternCaseworker(service.name)]).map((c) =>
      Object.freeze({
        sub: pseudonymousSub(c.email),
        name: c.name,
        email: c.email,
        serviceOrgnr: service.orgnr,
        serviceName: service.name,
        roles: Object.freeze([...c.roles]),
      }),
    );
  }),
);

export function findDevCaseworker(sub: string): DevCaseworker | undefined {
  return DEV_CASEWORKERS.find((c) => c.sub === sub);
}
