import { createHash } from 'node:crypto';

export interface DevTestPerson {
  /** Stable pseudonymous subject, like ID-porten's `sub`. Never the fødselsnummer. */
  readonly sub: string;
  /** The fødselsnummer, delivered in the `pid` claim as ID-porten does. */
  readonly pid: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly name: string;
}

// The numbers are Test-Norge/Tenor style synthetic numbers (birth month + 80), the kind ID-porten's
// TestID users have. They can never belong to a real person, and idnr() accepts them as type "tnr".
const PERSONS: readonly { pid: string; givenName: string; familyName: string }[] = [
  { pid: '14837521379', givenName: 'Ola', familyName: 'Nordmann' },
  { pid: '02878234203', givenName: 'Kari', familyName: 'Nordmann' },
  { pid: '30856912716', givenName: 'Per Olav', familyName: 'Haugen' },
  { pid: '09898746205', givenName: 'Sunniva', familyName: 'Lien Berg' },
  { pid: '21919028855', givenName: 'Aisha', familyName: 'Rahman' },
  // Children of Ola and Kari Nordmann, for citizen services (decision 024): Sara is old enough to see
  // her own case (16 in 2026), Emil is not (13 in 2026).
  { pid: '17851050183', givenName: 'Sara', familyName: 'Nordmann' },
  { pid: '02831350019', givenName: 'Emil', familyName: 'Nordmann' },
];

// Derived rather than random so the same test person keeps the same sub across restarts, as a real
// ID-porten user would.
function pseudonymousSub(pid: string): string {
  return createHash('sha256').update(`meldeportal-dev-idporten:${pid}`).digest('base64url');
}

export const DEV_TEST_PERSONS: readonly DevTestPerson[] = Object.freeze(
  PERSONS.map((p) =>
    Object.freeze({
      sub: pseudonymousSub(p.pid),
      pid: p.pid,
      givenName: p.givenName,
      familyName: p.familyName,
      name: `${p.givenName} ${p.familyName}`,
    }),
  ),
);

export function findDevTestPerson(sub: string): DevTestPerson | undefined {
  return DEV_TEST_PERSONS.find((p) => p.sub === sub);
}
