// How a saksinnhold code reads to the reporter: in the everyday words a private person ticked, or
// as SSB names the area for a professional, in the page's language.
import type { ReporterType } from '../domain/report.ts';
import { plainConcernOf } from '../domain/plain-concerns.ts';
import type { Translate } from './i18n.ts';

export function categoryLabel(t: Translate, code: string, reporterType: ReporterType | undefined): string {
  const plain = reporterType === 'private' ? plainConcernOf(code) : undefined;
  return plain ? t(`categories.plain.${plain}`) : t(`categories.codes.${code.replaceAll('.', '_')}`);
}
