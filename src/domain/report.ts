// The report model: the one shape that the form fills, the PDF renders, and the Fiks mapping exports.
// Pure types and tiny helpers only; nothing here may import from web, db or crypto.

export type ReporterType = 'private' | 'professional';

/** Free-text postal address as a person types it. Every part may be empty (the reporter may not know it). */
export interface Address {
  line1: string;
  postcode: string;
  city: string;
}

/** How the reporter can identify the child: most private reporters know a name and an age, not an fnr. */
export type ChildIdentification = 'fnr' | 'birthDate' | 'estimatedAge' | 'unborn';

export type YesNo = 'yes' | 'no';

export interface Child {
  /** May be empty only for an unborn child. */
  name: string;
  identification: ChildIdentification;
  /** 11 digits; set when identification is 'fnr'. */
  fnr: string;
  /** ISO date YYYY-MM-DD; set when identification is 'birthDate'. */
  birthDate: string;
  /** Whole years as typed ("10"); set when identification is 'estimatedAge'. */
  estimatedAge: string;
  /** ISO date YYYY-MM-DD, optional, when identification is 'unborn'. */
  dueDate: string;
  address: Address;
  /** Whether the child has been told about the report (Fiks `orientert`). */
  informed: YesNo;
  /** Required when informed is 'no' (Fiks `orientertGrunn`). */
  notInformedReason: string;
}

export interface Guardian {
  name: string;
  phone: string;
  informed: YesNo;
  notInformedReason: string;
}

export type Urgency = 'urgent' | 'normal';
export type InterpreterNeed = 'yes' | 'no' | 'unknown';

export interface Concern {
  /** SSB Kunnskapsmodellen saksinnhold codes, e.g. '2.4.05'. At least one. */
  categories: string[];
  urgency: Urgency;
  whatHappened: string;
  history: string;
  otherViews: string;
  interpreterNeed: InterpreterNeed;
  /** Required when interpreterNeed is 'yes'. */
  interpreterLanguage: string;
  otherAgencies: string;
}

export interface PrivateReporterDetails {
  phone: string;
  address: Address;
  /** Free text: neighbour, grandparent, teacher at the sports club … */
  relationToChild: string;
  /** The reporter asks the service not to reveal their identity to the family. */
  keepIdentityFromFamily: boolean;
}

/**
 * § 13-2 grounds a professional can tick in the duty-to-report helper. Any ground → the duty is
 * triggered. None → the report needs consent from the parents (and the child if over 15).
 */
export const DUTY_GROUNDS = [
  'mistreatedAtHome',
  'seriousNeglect',
  'untreatedIllness',
  'disabledNeedsNotMet',
  'seriousBehaviour',
  'humanTrafficking',
] as const;
export type DutyGround = (typeof DUTY_GROUNDS)[number];

export interface DutyAssessment {
  grounds: DutyGround[];
}

export interface ConsentRecord {
  /** The parents (with parental responsibility) consented to the report and its content. */
  parentsConsented: boolean;
  /** A child over 15 consented too; 'notApplicable' when no child is over 15. */
  childOver15: 'yes' | 'no' | 'notApplicable';
  /** ISO date YYYY-MM-DD when consent was given. */
  consentDate: string;
  /** How the consent was obtained and recorded (meeting, signed form …). */
  howRecorded: string;
}

export interface ProfessionalReporterDetails {
  role: string;
  employerName: string;
  /** 9 digits, mod-11 valid. */
  employerOrgnr: string;
  employerAddress: Address;
  workPhone: string;
  email: string;
  /** Required when the duty to report is not triggered. */
  consent: ConsentRecord | null;
}

export type AttachmentContentType = 'application/pdf' | 'image/jpeg' | 'image/png';

/**
 * What the portal takes out of an attachment before anyone opens it (decision 019): from a PDF its
 * scripts, other actions, links, embedded files, XFA form and multimedia; from a photo its metadata.
 * Listed in this order, the most dangerous first.
 */
export const REMOVED_CONTENTS = ['javascript', 'actions', 'links', 'embeddedFiles', 'xfa', 'multimedia', 'metadata'] as const;
export type RemovedContent = (typeof REMOVED_CONTENTS)[number];

/** Metadata only; the bytes travel separately (encrypted in the draft store, then in the package). */
export interface AttachmentMeta {
  id: string;
  fileName: string;
  contentType: AttachmentContentType;
  /** Of the file as stored and sent, after cleaning. */
  size: number;
  /**
   * Set once the file is cleaned, with what was removed (often nothing). Absent only on a draft
   * begun before files were cleaned; such a file is cleaned at submit instead.
   */
  cleaned?: { removed: RemovedContent[] };
}

/** Where the report goes, resolved from the registry when the reporter picks municipality and district. */
export interface Recipient {
  kommunenummer: string;
  kommunenavn: string;
  /** '00' when the municipality has no districts. */
  bydelsnummer: string;
  bydelsnavn: string;
  serviceId: string;
  serviceName: string;
}

/** The reporter as ID-porten says: never typed by the person. */
export interface AuthenticatedPerson {
  fnr: string;
  name: string;
}

/** Everything the reporter has answered so far; every part optional until check-your-answers. */
export interface ReportDraft {
  reporterType?: ReporterType;
  duty?: DutyAssessment;
  /** The municipality where the child lives (or where the concern arose), once it is onboarded. */
  municipality?: { kommunenummer: string; name: string; hasDistricts: boolean };
  recipient?: Recipient;
  children: Child[];
  guardians: Guardian[];
  /** The reporter answered the guardians step (possibly with no guardians). */
  guardiansAnswered?: boolean;
  concern?: Concern;
  privateReporter?: PrivateReporterDetails;
  professionalReporter?: ProfessionalReporterDetails;
  attachments: AttachmentMeta[];
  /** The reporter passed the attachments step (with or without files). */
  attachmentsAnswered?: boolean;
  /**
   * What was typed on a step that was not saved yet (refused, or a child added), by step id, so it
   * is still there when the reporter goes elsewhere and comes back. Encrypted with the rest.
   */
  unsaved?: Record<string, Record<string, string | string[]>>;
}

interface ReportBase {
  reporter: AuthenticatedPerson;
  recipient: Recipient;
  children: Child[];
  guardians: Guardian[];
  concern: Concern;
  attachments: AttachmentMeta[];
  /** When the portal accepted the report (UTC). */
  submittedAt: Date;
}

export interface PrivateReport extends ReportBase {
  reporterType: 'private';
  privateReporter: PrivateReporterDetails;
}

export interface ProfessionalReport extends ReportBase {
  reporterType: 'professional';
  duty: DutyAssessment;
  professionalReporter: ProfessionalReporterDetails;
}

/** A complete report that has passed every rule; the only shape the PDF and the Fiks mapping accept. */
export type Report = PrivateReport | ProfessionalReport;

export function isDutyTriggered(duty: DutyAssessment): boolean {
  return duty.grounds.length > 0;
}

export function emptyAddress(): Address {
  return { line1: '', postcode: '', city: '' };
}

export function emptyChild(): Child {
  return {
    name: '',
    identification: 'estimatedAge',
    fnr: '',
    birthDate: '',
    estimatedAge: '',
    dueDate: '',
    address: emptyAddress(),
    informed: 'no',
    notInformedReason: '',
  };
}

export function emptyGuardian(): Guardian {
  return { name: '', phone: '', informed: 'no', notInformedReason: '' };
}

export function emptyDraft(): ReportDraft {
  return { children: [], guardians: [], attachments: [] };
}

export const MAX_GUARDIANS = 2;
export const MAX_CHILDREN = 10;
/** Per file as uploaded; how many files and how much in all is the installation's (config.uploads). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
