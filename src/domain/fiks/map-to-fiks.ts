// Maps a complete report to the KS Fiks bekymringsmelding v2 documents (bekymringsmelding.json): the
// private one (map-private-report.ts) or the public one (map-professional-report.ts), with the
// message type it travels under. The document types are in fiks-document.ts.
//
// The mapping trusts the report to have passed the rules (src/domain/rules) and does not invent values
// for required fields; validateFiksDocument is the gate before sending.
import type { PrivateReport, ProfessionalReport, Report } from '../report.ts';
import { toNorwegianLocalDateTime } from '../rules/norwegian-time.ts';
import type { FiksMessage, FiksOffentligMessage, FiksPrivatMessage } from './fiks-document.ts';
import { mapPrivateReport } from './map-private-report.ts';
import { mapProfessionalReport } from './map-professional-report.ts';
import { FIKS_MESSAGE_TYPES } from './message-types.ts';

export { toNorwegianLocalDateTime };

export function mapReportToFiks(report: PrivateReport): FiksPrivatMessage;
export function mapReportToFiks(report: ProfessionalReport): FiksOffentligMessage;
export function mapReportToFiks(report: Report): FiksMessage;
export function mapReportToFiks(report: Report): FiksMessage {
  if (report.children.length === 0) {
    // Sending a placeholder child would misdirect the case worker; the rules never let this through.
    throw new Error('A report must concern at least one child');
  }
  return report.reporterType === 'private'
    ? { messageType: FIKS_MESSAGE_TYPES.privatV2, document: mapPrivateReport(report) }
    : { messageType: FIKS_MESSAGE_TYPES.offentligV2, document: mapProfessionalReport(report) };
}
