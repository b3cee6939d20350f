import type { FastifyInstance } from 'fastify';
import type { ClaimsObject } from 'oidc-provider';
import { translator } from '../../web/i18n.ts';
import { mountOidcStandIn } from '../oidc-stand-in/mount-stand-in.ts';
import type { StandInClient, StandInOptions, StandInSpec } from '../oidc-stand-in/stand-in-spec.ts';
import type { StandInChoice, StandInChoiceGroup } from '../oidc-stand-in/stand-in-pages.tsx';
import { DEV_CASEWORKERS, findDevCaseworker, type DevCaseworker } from './caseworkers.ts';
import { CASEWORKER_IDP_STAND_IN } from './guard.ts';

export type DevCaseworkerIdpClient = StandInClient;
export type DevCaseworkerIdpOptions = StandInOptions;

/** The municipality's IdP asks caseworkers for a second factor; the stand-in records that it did. */
export const CASEWORKER_ACR = 'urn:meldeportal:caseworker-mfa';
export const CASEWORKER_AMR: readonly string[] = ['pwd', 'otp'];

const t = translator('nb');
const listFormat = new Intl.ListFormat('nb', { style: 'long', type: 'conjunction' });

function roleDescription(caseworker: DevCaseworker): string {
  const roles = listFormat.format(caseworker.roles.map((r) => t(`devCaseworkerIdp.login.role.${r}`)));
  return t(caseworker.roles.length === 1 ? 'devCaseworkerIdp.login.roleOne' : 'devCaseworkerIdp.login.roleMany', { roles });
}

// One fieldset per service, in the order the services first appear in DEV_CASEWORKERS.
function groupedByService(caseworkers: readonly DevCaseworker[]): StandInChoiceGroup[] {
  const groups = new Map<string, { legend: string; choices: StandInChoice[] }>();
  for (const c of caseworkers) {
    const group = groups.get(c.serviceOrgnr) ?? { legend: c.serviceName, choices: [] };
    group.choices.push({ value: c.sub, label: c.name, description: roleDescription(c) });
    groups.set(c.serviceOrgnr, group);
  }
  return [...groups.values()];
}

function caseworkerClaims(c: DevCaseworker): ClaimsObject {
  return { sub: c.sub, name: c.name, email: c.email, service_orgnr: c.serviceOrgnr, roles: [...c.roles] };
}

const CASEWORKER_IDP: StandInSpec = {
  description: CASEWORKER_IDP_STAND_IN,
  pluginName: 'devCaseworkerIdpPlugin',
  component: 'dev-caseworker-idp',
  logLabel: "dev caseworkers' IdP",
  localeNamespace: 'devCaseworkerIdp',
  choices: { field: 'caseworker', groups: groupedByService(DEV_CASEWORKERS) },
  // What the caseworker may do (service and roles) comes with scope openid alone, so a client can
  // never get a caseworker without the service they act for; name and e-mail need profile.
  claims: {
    openid: ['sub', 'service_orgnr', 'roles', 'acr', 'amr', 'auth_time'],
    profile: ['name', 'email'],
  },
  acrValues: [CASEWORKER_ACR],
  login: { acr: CASEWORKER_ACR, amr: [...CASEWORKER_AMR] },
  findClaims: (sub) => {
    const caseworker = findDevCaseworker(sub);
    return caseworker && caseworkerClaims(caseworker);
  },
};

/**
 * A local stand-in for the municipality's identity provider that mottak's caseworkers log in with:
 * a real OpenID Provider that lets a developer pick one of DEV_CASEWORKERS instead of
 * authenticating. Register it with the prefix equal to the issuer's path, e.g.
 * `app.register(devCaseworkerIdpPlugin, { prefix: '/dev/caseworker-idp', issuer, clients })`.
 */
export async function devCaseworkerIdpPlugin(app: FastifyInstance, opts: DevCaseworkerIdpOptions): Promise<void> {
  await mountOidcStandIn(app, opts, CASEWORKER_IDP);
}
