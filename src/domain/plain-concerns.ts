// What a private person may tick about their worry, in everyday words, each standing for the SSB
// saksinnhold code a caseworker would start from. Optional: the reporter's own words come first, and
// the caseworker sets the codes (decision 015). Professionals choose among all SSB codes instead.
export const PLAIN_CONCERNS = [
  { key: 'care', code: '2.1.02' },
  { key: 'violence', code: '2.4.05' },
  { key: 'witnessViolence', code: '2.4.02' },
  { key: 'sexualAbuse', code: '2.4.07' },
  { key: 'parentsSubstance', code: '3.1.08' },
  { key: 'parentsMentalHealth', code: '3.1.03' },
  { key: 'parentsConflict', code: '2.4.03' },
  { key: 'control', code: '2.4.01' },
  { key: 'childMentalHealth', code: '1.1.02' },
  { key: 'childBehaviour', code: '1.3.08' },
  { key: 'school', code: '1.2.03' },
] as const;

export type PlainConcernKey = (typeof PLAIN_CONCERNS)[number]['key'];

const byCode = new Map<string, PlainConcernKey>(PLAIN_CONCERNS.map((c) => [c.code, c.key]));

/** The everyday wording's key for a code a private person ticked, if it is one of them. */
export function plainConcernOf(code: string): PlainConcernKey | undefined {
  return byCode.get(code);
}
