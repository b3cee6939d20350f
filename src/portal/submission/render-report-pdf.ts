// The human-readable copy of a report: the same PDF goes to the receiving service (inside the
// encrypted package) and to the reporter as their receipt, so it says everything the reporter
// answered, in the order they answered it, and is archival (PDF/A-2b) on its own.
import type {
  AttachmentContentType,
  Child,
  Guardian,
  PrivateReport,
  ProfessionalReport,
  Report,
  YesNo,
} from '../../domain/report.ts';
import { isDutyTriggered } from '../../domain/report.ts';
import { findContentCode } from '../../domain/ssb-codes.ts';
import { plainConcernOf } from '../../domain/plain-concerns.ts';
import { categoryLabel } from '../../web/category-label.ts';
import type { Translate } from '../../web/i18n.ts';
import { addressLine, fileSize, osloDateAndTime } from './render-report-pdf-format.ts';
import { formatCalendarDate } from '../../web/intl-format.ts';
import { intlLocale } from '../../web/i18n.ts';
import { PdfWriter } from './render-report-pdf-layout.ts';

export interface RenderReportPdfOptions {
  /** The reference the reporter and the service both quote; printed on every page. */
  reference: string;
  t: Translate;
}

export async function renderReportPdf(report: Report, options: RenderReportPdfOptions): Promise<Buffer> {
  const { reference, t } = options;
  const pdf = new PdfWriter(
    {
      title: t('pdf.title'),
      author: t('pdf.metadata.author'),
      subject: t('pdf.metadata.subject', { reference }),
      createdAt: report.submittedAt,
      lang: intlLocale(t.lang),
    },
    t('pdf.notGiven'),
  );
  const yesNo = (answer: YesNo | boolean): string => t(answer === true || answer === 'yes' ? 'pdf.yes' : 'pdf.no');

  pdf.title(t('pdf.title'));
  // A caseworker sorting the morning's reports must see urgency before reading anything else.
  if (report.concern.urgency === 'urgent') pdf.notice(t('pdf.urgentBanner'), 'urgent');
  writeSummary(pdf, report, reference, t);

  pdf.section(t('pdf.reporter.heading'), () => {
    if (report.reporterType === 'private') writePrivateReporter(pdf, report, t, yesNo);
    else writeProfessionalReporter(pdf, report, t);
  });
  if (report.reporterType === 'professional') {
    pdf.section(t('pdf.duty.heading'), () => writeDuty(pdf, report, t, yesNo));
  }

  pdf.section(t('pdf.children.heading'), () => {
    report.children.forEach((child, i) => {
      pdf.subsection(t('pdf.children.child', { number: i + 1, count: report.children.length }), () =>
        writeChild(pdf, child, t, yesNo),
      );
    });
  });

  pdf.section(t('pdf.guardians.heading'), () => {
    if (report.guardians.length === 0) pdf.paragraph(t('pdf.guardians.none'));
    report.guardians.forEach((guardian, i) => {
      pdf.subsection(t('pdf.guardians.guardian', { number: i + 1, count: report.guardians.length }), () =>
        writeGuardian(pdf, guardian, t, yesNo),
      );
    });
  });

  pdf.section(t('pdf.concern.heading'), () => writeConcern(pdf, report, t));
  pdf.section(t('pdf.attachments.heading'), () => writeAttachments(pdf, report, t));

  return pdf.finish({
    left: t('pdf.footer.reference', { reference }),
    right: (page, pages) => t('pdf.footer.page', { page, pages }),
  });
}

function writeSummary(pdf: PdfWriter, report: Report, reference: string, t: Translate): void {
  const { recipient } = report;
  pdf.row(t('pdf.summary.reference'), reference);
  pdf.row(t('pdf.summary.sentAt'), t('pdf.summary.sentAtValue', osloDateAndTime(t.lang, report.submittedAt)));
  pdf.row(t('pdf.summary.service'), recipient.serviceName);
  pdf.row(
    t('pdf.summary.municipality'),
    t('pdf.summary.numbered', { name: recipient.kommunenavn, number: recipient.kommunenummer }),
  );
  // '00' means the municipality has no districts: a "not given" line would suggest a missing answer.
  if (recipient.bydelsnummer !== '00') {
    pdf.row(
      t('pdf.summary.district'),
      t('pdf.summary.numbered', { name: recipient.bydelsnavn, number: recipient.bydelsnummer }),
    );
  }
}

function writePrivateReporter(
  pdf: PdfWriter,
  report: PrivateReport,
  t: Translate,
  yesNo: (answer: YesNo | boolean) => string,
): void {
  const details = report.privateReporter;
  pdf.row(t('pdf.reporter.type'), t('pdf.reporter.typePrivate'));
  pdf.row(t('pdf.reporter.name'), report.reporter.name);
  pdf.row(t('journey.melder.phone'), details.phone);
  pdf.row(t('journey.melder.address'), addressLine(details.address));
  pdf.row(t('journey.melder.relationToChild'), details.relationToChild);
  // The service must honour this wish when the family asks for access to the case documents, so it
  // is framed where the reporter's identity is printed, not left as one more row.
  if (details.keepIdentityFromFamily) pdf.notice(t('pdf.reporter.keepIdentityYes'), 'important');
  else pdf.row(t('journey.melder.keepIdentity'), t('pdf.reporter.keepIdentityNo'));
}

function writeProfessionalReporter(pdf: PdfWriter, report: ProfessionalReport, t: Translate): void {
  const details = report.professionalReporter;
  pdf.row(t('pdf.reporter.type'), t('pdf.reporter.typeProfessional'));
  pdf.row(t('pdf.reporter.name'), report.reporter.name);
  pdf.row(t('journey.melder.role'), details.role);
  pdf.row(t('journey.melder.employerName'), details.employerName);
  pdf.row(t('journey.melder.employerOrgnr'), details.employerOrgnr);
  pdf.row(t('journey.melder.employerAddress'), addressLine(details.employerAddress));
  pdf.row(t('journey.melder.workPhone'), details.workPhone);
  pdf.row(t('journey.melder.email'), details.email);
}

function writeDuty(
  pdf: PdfWriter,
  report: ProfessionalReport,
  t: Translate,
  yesNo: (answer: YesNo | boolean) => string,
): void {
  if (isDutyTriggered(report.duty)) {
    pdf.paragraph(t('pdf.duty.triggered'));
    pdf.bullets(
      t('pdf.bullet'),
      report.duty.grounds.map((ground) => t(`pdf.duty.grounds.${ground}`)),
    );
    return;
  }
  pdf.paragraph(t('pdf.duty.notTriggered'));
  const consent = report.professionalReporter.consent;
  if (!consent) {
    // The rules require a consent record here; if one is missing the copy says so rather than hiding it.
    pdf.row(t('pdf.duty.consent.record'), '');
    return;
  }
  pdf.row(t('journey.melder.parentsConsentedLegend'), yesNo(consent.parentsConsented));
  pdf.row(
    t('journey.melder.childOver15'),
    consent.childOver15 === 'notApplicable' ? t('pdf.duty.consent.notApplicable') : yesNo(consent.childOver15),
  );
  pdf.row(t('journey.melder.consentDate'), formatCalendarDate(t.lang, consent.consentDate, 'long'));
  pdf.block(t('journey.melder.howRecorded'), consent.howRecorded);
}

// Each answer is labelled with the question the reporter saw (the journey's own texts), so the copy
// reads as the form was filled in; the caseworker reads "du" as the reporter.
function writeChild(pdf: PdfWriter, child: Child, t: Translate, yesNo: (answer: YesNo) => string): void {
  const unborn = child.identification === 'unborn';
  pdf.row(t('journey.barn.name'), child.name.trim() === '' && unborn ? t('pdf.children.unbornName') : child.name);
  switch (child.identification) {
    case 'fnr':
      pdf.row(t('journey.barn.fnr'), child.fnr);
      break;
    case 'birthDate':
      pdf.row(t('journey.barn.birthDate'), formatCalendarDate(t.lang, child.birthDate, 'long'));
      break;
    case 'estimatedAge':
      pdf.row(
        t('journey.barn.estimatedAge'),
        child.estimatedAge.trim() === '' ? '' : t('pdf.children.estimatedAgeValue', { age: child.estimatedAge.trim() }),
      );
      break;
    case 'unborn':
      pdf.row(t('journey.barn.identification'), t('journey.barn.idUnborn'));
      pdf.row(t('journey.barn.dueDate'), formatCalendarDate(t.lang, child.dueDate, 'long'));
      break;
  }
  pdf.row(t('journey.barn.address'), addressLine(child.address));
  // An unborn child is not asked whether it knows.
  if (child.identification !== 'unborn') {
    pdf.row(t('journey.barn.informed'), yesNo(child.informed));
    if (child.informed === 'no') pdf.row(t('journey.barn.notInformedReason'), child.notInformedReason);
  }
}

function writeGuardian(pdf: PdfWriter, guardian: Guardian, t: Translate, yesNo: (answer: YesNo) => string): void {
  pdf.row(t('journey.foresatte.name'), guardian.name);
  pdf.row(t('journey.foresatte.phone'), guardian.phone);
  pdf.row(t('journey.foresatte.informed'), yesNo(guardian.informed));
  if (guardian.informed === 'no') pdf.row(t('journey.foresatte.notInformedReason'), guardian.notInformedReason);
}

function writeConcern(pdf: PdfWriter, report: Report, t: Translate): void {
  const { concern } = report;
  // A private person ticked everyday words, and reads them back; a professional chose SSB's codes.
  const categories = concern.categories.map((code) =>
    report.reporterType === 'private' && plainConcernOf(code)
      ? categoryLabel(t, code, 'private')
      : t('pdf.concern.category', { code, text: findContentCode(code)?.text ?? t('pdf.concern.unknownCategory') }),
  );
  pdf.row(t(report.reporterType === 'private' ? 'journey.bekymring.plainCategories' : 'journey.bekymring.categories'), categories.length ? categories.join('\n') : t('pdf.concern.noCategories'));
  if (concern.urgency === 'urgent') pdf.row(t('journey.bekymring.urgency'), t('pdf.concern.urgent'), 'urgent');
  else pdf.row(t('journey.bekymring.urgency'), t('pdf.concern.normal'));
  pdf.block(t('journey.bekymring.whatHappened'), concern.whatHappened);
  pdf.block(t('journey.bekymring.history'), concern.history);
  pdf.block(t('journey.bekymring.otherViews'), concern.otherViews);
  const interpreter = {
    yes: 'pdf.concern.interpreterYes',
    no: 'pdf.concern.interpreterNo',
    unknown: 'pdf.concern.interpreterUnknown',
  } as const;
  pdf.row(t('journey.bekymring.interpreter'), t(interpreter[concern.interpreterNeed]));
  if (concern.interpreterNeed === 'yes') pdf.row(t('journey.bekymring.interpreterLanguage'), concern.interpreterLanguage);
  pdf.block(t('journey.bekymring.otherAgencies'), concern.otherAgencies);
}

const ATTACHMENT_TYPE_KEYS: Record<AttachmentContentType, string> = {
  'application/pdf': 'pdf.attachments.types.pdf',
  'image/jpeg': 'pdf.attachments.types.jpeg',
  'image/png': 'pdf.attachments.types.png',
};

function writeAttachments(pdf: PdfWriter, report: Report, t: Translate): void {
  if (report.attachments.length === 0) {
    pdf.paragraph(t('pdf.attachments.none'));
    return;
  }
  pdf.paragraph(t('pdf.attachments.note'));
  report.attachments.forEach((attachment, i) => {
    const typeKey = ATTACHMENT_TYPE_KEYS[attachment.contentType] as string | undefined;
    const { size, unit } = fileSize(t.lang, attachment.size);
    const details = t('pdf.attachments.details', {
      // A type outside the model is still named, not dropped: the file travels beside the PDF anyway.
      type: typeKey ? t(typeKey) : attachment.contentType,
      size: t(`pdf.attachments.${unit}`, { size }),
    });
    pdf.row(t('pdf.attachments.attachment', { number: i + 1 }), `${attachment.fileName}\n${details}`);
  });
}
