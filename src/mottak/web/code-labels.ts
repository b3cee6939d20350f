// SSB's conclusion codes in plain words with the code beside them ("Undersøkelse åpnes – meldingen
// henlegges ikke (SSB-kode 2)"): SSB's own text for code 2 is a rule for its statisticians, not a
// choice a caseworker reads at a glance. The code is what SSB receives.
import type { Translate } from '../../web/i18n.ts';

export function conclusionLabel(t: Translate, code: string): string {
  return t('mottak.conclusionCodes.label', { label: t(`mottak.conclusionCodes.codes.${code}`), code });
}
