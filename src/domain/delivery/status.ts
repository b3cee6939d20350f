// The delivery status machine of one report, after Fiks's statuses for bekymringsmelding:
// AKSEPTERT → SENDT_FAGSYSTEM → LEVERT, and the fallback ladder to print when the receiving system
// refuses the message or stays silent past its deadline.

export type ReportStatus = 'AKSEPTERT' | 'SENDT_FAGSYSTEM' | 'LEVERT' | 'AVVIST_FAGSYSTEM' | 'SENDT_PRINT' | 'AVVIST_PRINT';
/** How a delivered report reached the service: its system, a caseworker's download, or by post. */
export type DeliveryChannel = 'fagsystem' | 'manuell' | 'print';

export const REPORT_STATUSES: readonly ReportStatus[] = ['AKSEPTERT', 'SENDT_FAGSYSTEM', 'LEVERT', 'AVVIST_FAGSYSTEM', 'SENDT_PRINT', 'AVVIST_PRINT'];

/** Why a report moved; recorded with each transition and shown (in words) to the reporter. */
export type TransitionCause =
  | 'innsendt' // the reporter sent it; the portal accepted and encrypted it
  | 'publisert' // offered to the receiving system
  | 'mottatt' // the receiving system confirmed receipt
  | 'manuell-nedlasting' // a caseworker downloaded it from the service's inbox
  | 'feilet' // the receiving system answered that it could not take it in
  | 'frist-utlopt' // no confirmation within the deadline
  | 'print-sendt' // handed to the print provider
  | 'print-levert' // the print provider accepted it for posting
  | 'print-feilet'; // the print provider could not take it

interface Transition {
  from: readonly ReportStatus[];
  to: ReportStatus;
  channel?: DeliveryChannel;
}

/** Every allowed move, by cause. A cause not allowed from the current status changes nothing. */
export const TRANSITIONS: Record<TransitionCause, Transition> = {
  innsendt: { from: [], to: 'AKSEPTERT' },
  publisert: { from: ['AKSEPTERT'], to: 'SENDT_FAGSYSTEM' },
  mottatt: { from: ['SENDT_FAGSYSTEM'], to: 'LEVERT', channel: 'fagsystem' },
  'manuell-nedlasting': { from: ['SENDT_FAGSYSTEM', 'AVVIST_FAGSYSTEM'], to: 'LEVERT', channel: 'manuell' },
  feilet: { from: ['SENDT_FAGSYSTEM'], to: 'AVVIST_FAGSYSTEM' },
  'frist-utlopt': { from: ['SENDT_FAGSYSTEM'], to: 'SENDT_PRINT' },
  'print-sendt': { from: ['AVVIST_FAGSYSTEM'], to: 'SENDT_PRINT' },
  'print-levert': { from: ['SENDT_PRINT'], to: 'LEVERT', channel: 'print' },
  'print-feilet': { from: ['SENDT_PRINT'], to: 'AVVIST_PRINT' },
};

export function canTransition(from: ReportStatus, cause: TransitionCause): boolean {
  return TRANSITIONS[cause].from.includes(from);
}
