import { createHash } from 'node:crypto';
import { demoServices } from '../demo-registry.ts';

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
const CASEWORKERS: readonly { service: string; name: string; email: string; roles: CaseworkerRole[] }[] = [
  { service: 'Barneverntjenesten i bydel Gamle Oslo', name: 'Ingrid Solheim Bakke', email: 'ingrid.bakke@gamle-oslo.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i bydel Gamle Oslo', name: 'Tor Erik Lunde', email: 'tor.erik.lunde@gamle-oslo.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i bydel Grünerløkka', name: 'Amina Hassan Dahl', email: 'amina.dahl@grunerlokka.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Trondheim', name: 'Sigrid Aune', email: 'sigrid.aune@trondheim.barnevern.test', roles: ['saksbehandler'] },
  { service: 'Barneverntjenesten i Trondheim', name: 'Magnus Rørvik', email: 'magnus.rorvik@trondheim.barnevern.test', roles: ['leder'] },
  { service: 'Barneverntjenesten i Bergen', name: 'Henrik Fjeld Tveit', email: 'henrik.tveit@bergen.barnevern.test', roles: ['saksbehandler'] },
];

// Looked up by name so the caseworkers follow the demo registry's organisation numbers, which the
// receiving side's data is keyed on; a renamed service fails here at start rather than at login.
function demoService(name: string): { orgnr: string; name: string } {
  const service = demoServices().find((s) => s.name === name);
  if (!service) throw new Error(`the demo registry has no service named "${name}"`);
  return service;
}

// Derived rather than random so a caseworker keeps the same sub across restarts, as with a real IdP.
function pseudonymousSub(email: string): string {
  return createHash('sha256').update(`meldeportal-dev-caseworker-idp:${email}`).digest('base64url');
}

export const DEV_CASEWORKERS: readonly DevCaseworker[] = Object.freeze(
  CASEWORKERS.map((c) => {
    const service = demoService(c.service);
    return Object.freeze({
      sub: pseudonymousSub(c.email),
      name: c.name,
      email: c.email,
      serviceOrgnr: service.orgnr,
      serviceName: service.name,
      roles: Object.freeze([...c.roles]),
    });
  }),
);

export function findDevCaseworker(sub: string): DevCaseworker | undefined {
  return DEV_CASEWORKERS.find((c) => c.sub === sub);
}
