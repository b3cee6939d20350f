// The presenter of one report for the caseworker: who the child is, what the reporter says, who the
// guardians and the reporter are, read from our structured report where the package carries one
// (ours do), else from the Fiks JSON any Fiks sender must send. The page shows this, never the raw
// JSON; that stays behind one link.
import type { Address, Child, ConsentRecord, DutyGround, InterpreterNeed, RemovedContent, Report } from '../../domain/report.ts';
import type { FiksAdresse, FiksForesatt, FiksOffentligBarn, FiksOffentligMelder, FiksPrivatBarn, FiksPrivatMelder } from '../../domain/fiks/fiks-document.ts';
import { childAge, type ChildAge } from '../../domain/mottak/child-age.ts';
import { suggestReporterCode, type ReporterCodeSuggestion } from '../../domain/mottak/reporter-code.ts';
import { isValidNationalId } from '../../domain/rules/fnr.ts';
import { attachmentPaths } from '../../package/package-files.ts';

/** Whether a person has been told about the report, and if not, why not (Fiks `orientert`). */
export interface Informed {
  yes: boolean;
  reason: string;
}

export interface ChildView {
  /** Empty when the reporter gave none (an unborn child). */
  name: string;
  age: ChildAge;
  nationalId: string;
  /** One line; empty when unknown. */
  address: string;
  informed: Informed | null;
}

export interface GuardianView {
  name: string;
  phone: string;
  informed: Informed | null;
}

export type ReporterView =
  | { type: 'private'; name: string; phone: string; address: string; relation: string; keepIdentityFromFamily: boolean }
  | {
      type: 'professional';
      name: string;
      role: string;
      phone: string;
      email: string;
      employer: string;
      employerOrgnr: string;
      employerAddress: string;
      /** Null when the sender did not say (another Fiks sender): the text may. */
      dutyGrounds: DutyGround[] | null;
      consent: ConsentRecord | null;
    };

export interface ConcernView {
  whatHappened: string;
  history: string;
  otherViews: string;
  /** Structured from our form; free text from another sender; null when not given. */
  interpreter: { need: InterpreterNeed; language: string } | { text: string } | null;
  otherAgencies: string;
}

export interface ReportView {
  municipality: string;
  /** Empty when the municipality has no districts (bydelsnummer 00). */
  district: string;
  children: ChildView[];
  guardians: GuardianView[];
  reporter: ReporterView;
  concern: ConcernView;
  /** By the file's path in the package: what the portal took out of it before sending (decision 019). */
  removedFromFiles: Record<string, RemovedContent[]>;
}

/** What the presenter reads of a stored report. */
export interface StoredReport {
  reporter_type: 'private' | 'professional';
  kommunenummer: string;
  bydelsnummer: string;
  bydelsnavn: string;
  fiks_document: unknown;
  report: unknown;
}

type FiksDocument = Partial<{
  kommunenavn: string;
  privatMelder: Partial<FiksPrivatMelder>;
  privatBarn: Partial<FiksPrivatBarn>[];
  offentligMelder: Partial<FiksOffentligMelder>;
  offentligBarn: Partial<FiksOffentligBarn>[];
  foresatte: Partial<FiksForesatt>[];
  melding: string | { melding?: string; historie?: string; andreSynspunkter?: string };
  behovForTolk: string;
  andreHjelpeinstanser: string;
}>;

const joined = (parts: (string | undefined)[], separator: string) => parts.map((p) => (p ?? '').trim()).filter(Boolean).join(separator);

/** "Kongens gate 1, 7011 Trondheim". */
function formatAddress(address: Address): string {
  return joined([address.line1, joined([address.postcode, address.city], ' ')], ', ');
}

function formatFiksAddress(address: Partial<FiksAdresse> | undefined): string {
  if (!address) return '';
  return joined([address.adresselinje1, address.adresselinje2, address.adresselinje3, joined([address.postnummer, address.poststed], ' ')], ', ');
}

const informed = (yes: boolean, reason: string): Informed => ({ yes, reason: yes ? '' : reason.trim() });

/** Where a report names its children: our structured report, else the Fiks JSON's lists. */
export interface ChildSources {
  reportChildren: Child[] | null;
  offentligBarn: Partial<FiksOffentligBarn>[] | null;
  privatBarn: Partial<FiksPrivatBarn>[] | null;
}

/** The children, each with the age as of `at` (today, for the caseworker). */
export function presentChildren(sources: ChildSources, at: Date): ChildView[] {
  if (sources.reportChildren) {
    return sources.reportChildren.map((c) => ({ name: c.name.trim(), age: childAge(c, at), nationalId: c.identification === 'fnr' ? c.fnr : '', address: formatAddress(c.address), informed: informed(c.informed === 'yes', c.notInformedReason) }));
  }
  if (sources.offentligBarn) {
    return sources.offentligBarn.map((c) => {
      const fnr = (c.fnr ?? '').trim();
      const identification = c.ufoedt ? 'unborn' : isValidNationalId(fnr) ? 'fnr' : 'estimatedAge';
      return { name: c.personnavn ?? '', age: childAge({ identification, fnr, birthDate: '', estimatedAge: '', dueDate: '' }, at), nationalId: fnr, address: formatFiksAddress(c.adresse), informed: informed(c.orientert === true, c.orientertGrunn ?? '') };
    });
  }
  return (sources.privatBarn ?? []).map((c) => {
    const estimate = (c.antattAlder ?? '').trim();
    // Our own mapping writes "Ufødt" there for an unborn child; another sender may too.
    const identification = /^ufødt$/i.test(estimate) ? 'unborn' : 'estimatedAge';
    return { name: c.personnavn ?? '', age: childAge({ identification, fnr: '', birthDate: '', estimatedAge: estimate, dueDate: '' }, at), nationalId: '', address: formatFiksAddress(c.adresse), informed: null };
  });
}

function presentReporter(row: StoredReport, report: Report | undefined, doc: FiksDocument): ReporterView {
  if (report?.reporterType === 'private') {
    const r = report.privateReporter;
    return { type: 'private', name: report.reporter.name, phone: r.phone, address: formatAddress(r.address), relation: r.relationToChild, keepIdentityFromFamily: r.keepIdentityFromFamily };
  }
  if (report?.reporterType === 'professional') {
    const r = report.professionalReporter;
    return { type: 'professional', name: report.reporter.name, role: r.role, phone: r.workPhone, email: r.email, employer: r.employerName, employerOrgnr: r.employerOrgnr, employerAddress: formatAddress(r.employerAddress), dutyGrounds: report.duty.grounds, consent: r.consent };
  }
  if (row.reporter_type === 'professional') {
    const m = doc.offentligMelder ?? {};
    return { type: 'professional', name: m.personnavn ?? '', role: m.rolle ?? '', phone: m.telefonnummer ?? '', email: m.epost ?? '', employer: m.virksomhet?.navn ?? '', employerOrgnr: m.virksomhet?.orgnr ?? '', employerAddress: formatFiksAddress(m.virksomhet?.adresse), dutyGrounds: null, consent: null };
  }
  const m = doc.privatMelder ?? {};
  return { type: 'private', name: m.personnavn ?? '', phone: m.telefonnummer ?? '', address: formatFiksAddress(m.adresse), relation: doc.privatBarn?.[0]?.relasjon ?? '', keepIdentityFromFamily: false };
}

function presentConcern(report: Report | undefined, doc: FiksDocument): ConcernView {
  if (report) {
    const c = report.concern;
    return { whatHappened: c.whatHappened, history: c.history, otherViews: c.otherViews, interpreter: { need: c.interpreterNeed, language: c.interpreterLanguage }, otherAgencies: c.otherAgencies };
  }
  const melding = doc.melding;
  return {
    whatHappened: typeof melding === 'string' ? melding : (melding?.melding ?? ''),
    history: typeof melding === 'object' ? (melding.historie ?? '') : '',
    otherViews: typeof melding === 'object' ? (melding.andreSynspunkter ?? '') : '',
    interpreter: doc.behovForTolk ? { text: doc.behovForTolk } : null,
    otherAgencies: doc.andreHjelpeinstanser ?? '',
  };
}

export function presentReport(row: StoredReport, at: Date): ReportView {
  const report = (row.report as Report | null) ?? undefined;
  const doc = (row.fiks_document ?? {}) as FiksDocument;
  const guardians = report
    ? report.guardians.map((g) => ({ name: g.name, phone: g.phone, informed: informed(g.informed === 'yes', g.notInformedReason) }))
    : (doc.foresatte ?? []).map((g) => ({ name: g.personnavn ?? '', phone: g.telefonnummer ?? '', informed: informed(g.orientert === true, g.orientertGrunn ?? '') }));
  return {
    municipality: report?.recipient.kommunenavn || doc.kommunenavn || row.kommunenummer,
    district: row.bydelsnummer === '00' ? '' : row.bydelsnavn || row.bydelsnummer,
    children: presentChildren({ reportChildren: report?.children ?? null, offentligBarn: doc.offentligBarn ?? null, privatBarn: doc.privatBarn ?? null }, at),
    guardians,
    reporter: presentReporter(row, report, doc),
    concern: presentConcern(report, doc),
    removedFromFiles: presentRemovedFromFiles(report),
  };
}

/** Only our structured report says what was cleaned; another Fiks sender's files are as they came. */
function presentRemovedFromFiles(report: Report | undefined): Record<string, RemovedContent[]> {
  const attachments = report?.attachments ?? [];
  const paths = attachmentPaths(attachments.map((a) => a.fileName));
  return Object.fromEntries(attachments.map((a, i) => [paths[i]!, a.cleaned?.removed ?? []] as const).filter(([, removed]) => removed.length > 0));
}

/** The melder code the conclusion form offers pre-chosen, read from what the reporter wrote. */
export function suggestedReporterCode(reporter: ReporterView, today: string): ReporterCodeSuggestion | undefined {
  return reporter.type === 'private'
    ? suggestReporterCode({ reporterType: 'private', relation: reporter.relation }, today)
    : suggestReporterCode({ reporterType: 'professional', role: reporter.role, employer: reporter.employer }, today);
}
