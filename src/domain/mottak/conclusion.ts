// The rules for concluding a report (SSB "Konklusjon på melding", barnevernsloven § 2-1): which
// code, why, who reported (melder) and what it is about (saksinnhold). Pure: the web form and any
// API use the same check.
import { CONCLUSION_CODES, CONTENT_CODES, REPORTER_CODES, codesValidOn } from '../ssb-codes.ts';

export interface ConclusionInput {
  conclusionCode: string;
  reason: string;
  obviouslyGroundless: boolean;
  reporterCode: string;
  reporterCodeDetail: string;
  contentCodes: string[];
}

export interface Conclusion extends ConclusionInput {
  closes: boolean;
  opensInvestigation: boolean;
}

/** A field id of the form and the locale key of its message. */
export interface ConclusionError {
  field: 'conclusionCode' | 'reason' | 'obviouslyGroundless' | 'reporterCode' | 'reporterCodeDetail' | 'contentCodes';
  key: string;
}

export const MAX_REASON_LENGTH = 5000;

export function validateConclusion(input: ConclusionInput, today: string): { ok: true; value: Conclusion } | { ok: false; errors: ConclusionError[] } {
  const errors: ConclusionError[] = [];
  const code = codesValidOn(CONCLUSION_CODES, today).find((c) => c.code === input.conclusionCode);
  if (!code) errors.push({ field: 'conclusionCode', key: 'conclusionCodeMissing' });
  const reason = input.reason.trim();
  // § 2-1 fifth paragraph: a closed report needs written reasons unless it is obviously groundless.
  if (code?.closes && !input.obviouslyGroundless && !reason) errors.push({ field: 'reason', key: 'reasonMissing' });
  if (reason.length > MAX_REASON_LENGTH) errors.push({ field: 'reason', key: 'reasonTooLong' });
  // Only a closed report can be obviously groundless; ticked beside an investigation, the record
  // would say two things at once.
  if (code && !code.closes && input.obviouslyGroundless) errors.push({ field: 'obviouslyGroundless', key: 'groundlessNotClosed' });
  const reporter = codesValidOn(REPORTER_CODES, today).find((c) => c.code === input.reporterCode);
  if (!reporter) errors.push({ field: 'reporterCode', key: 'reporterCodeMissing' });
  // SSB: code 22 "Andre offentlige instanser" needs a precision.
  if (reporter?.code === '22' && !input.reporterCodeDetail.trim()) errors.push({ field: 'reporterCodeDetail', key: 'reporterCodeDetailMissing' });
  const known = new Set(CONTENT_CODES.map((c) => c.code));
  const contentCodes = [...new Set(input.contentCodes)];
  if (contentCodes.length === 0 || contentCodes.some((c) => !known.has(c))) errors.push({ field: 'contentCodes', key: 'contentCodesMissing' });
  if (errors.length > 0 || !code) return { ok: false, errors };
  return {
    ok: true,
    value: {
      ...input,
      reason,
      reporterCodeDetail: reporter?.code === '22' ? input.reporterCodeDetail.trim() : '',
      contentCodes,
      closes: code.closes,
      opensInvestigation: code.code === '2',
    },
  };
}

/** What a professional reporter is told after the conclusion (§ 13-2 feedback); private reporters only get the receipt. */
export function feedbackAfterConclusion(conclusion: Pick<Conclusion, 'closes'>): 'undersokelse-apnet' | 'henlagt' {
  return conclusion.closes ? 'henlagt' : 'undersokelse-apnet';
}
