import type { FastifyInstance } from 'fastify';
import { ID_PORTEN_STAND_IN } from '../guard.ts';
import { mountOidcStandIn } from '../oidc-stand-in/mount-stand-in.ts';
import type { StandInClient, StandInOptions, StandInSpec } from '../oidc-stand-in/stand-in-spec.ts';
import { translator } from '../../web/i18n.ts';
import { DEV_TEST_PERSONS, findDevTestPerson } from './test-persons.ts';

export type DevIdportenClient = StandInClient;
export type DevIdportenOptions = StandInOptions;

const t = translator('nb');

const ID_PORTEN: StandInSpec = {
  description: ID_PORTEN_STAND_IN,
  pluginName: 'devIdportenPlugin',
  component: 'dev-idporten',
  logLabel: 'dev ID-porten',
  localeNamespace: 'devIdporten',
  choices: {
    field: 'person',
    groups: [
      {
        choices: DEV_TEST_PERSONS.map((p) => ({ value: p.sub, label: p.name, description: t('devIdporten.login.fnr', { fnr: p.pid }) })),
      },
    ],
  },
  // ID-porten puts pid, locale, acr, amr and auth_time in the ID token with scope openid alone;
  // names need profile.
  claims: {
    openid: ['sub', 'pid', 'locale', 'acr', 'amr', 'auth_time'],
    profile: ['name', 'given_name', 'family_name'],
  },
  acrValues: ['idporten-loa-substantial', 'idporten-loa-high'],
  login: { acr: 'idporten-loa-high', amr: ['TESTID'] },
  findClaims: (sub) => {
    const person = findDevTestPerson(sub);
    return (
      person && {
        sub: person.sub,
        pid: person.pid,
        name: person.name,
        given_name: person.givenName,
        family_name: person.familyName,
        locale: 'nb',
      }
    );
  },
};

/**
 * A local stand-in for ID-porten: a real OpenID Provider (oidc-provider) that lets a developer
 * pick one of DEV_TEST_PERSONS instead of authenticating. Register it with the prefix equal to the
 * issuer's path, e.g. `app.register(devIdportenPlugin, { prefix: '/dev/idporten', issuer, clients })`.
 */
export async function devIdportenPlugin(app: FastifyInstance, opts: DevIdportenOptions): Promise<void> {
  await mountOidcStandIn(app, opts, ID_PORTEN);
}
