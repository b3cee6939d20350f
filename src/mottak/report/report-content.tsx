// What the reporter sent, as the caseworker reads it (decision 016): the child or children first,
// the concern in the reporter's own words, the guardians, the reporter; names rather than codes,
// dates in words, and nothing the reporter left blank.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import type { Translate } from '../../web/i18n.ts';
import { findContentCode } from '../../domain/ssb-codes.ts';
import { childName, describeAge, formatDate } from '../web/format.ts';
import type { ChildView, GuardianView, Informed, ReportView, ReporterView } from './report-view.ts';
import type { FoundReport } from './report-queries.ts';
import { KeyValueTable, Section, given } from './report-parts.tsx';

function informedText(t: Translate, informed: Informed | null): string | null {
  if (!informed) return null;
  if (informed.yes) return t('common.yes');
  return informed.reason ? t('mottak.report.informedNoReason', { reason: informed.reason }) : t('common.no');
}

function ChildCard(props: { t: Translate; child: ChildView }): SafeHtml {
  const { t, child } = props;
  return (
    <div class="mp-card">
      <h3 class="ds-heading" data-size="sm">
        {childName(t, child)}
      </h3>
      <KeyValueTable
        rows={given([
          [t('mottak.report.child.age'), child.age.kind === 'estimated' ? t('mottak.age.estimateNote', { age: describeAge(t, child.age) }) : describeAge(t, child.age)],
          // Grouped as birth date and personal number, as it is read out on the phone.
          [t('mottak.report.child.nationalId'), child.nationalId.replace(/^(\d{6})(\d{5})$/, '$1 $2')],
          [t('mottak.report.child.address'), child.address || t('mottak.report.notGiven')],
          [t('mottak.report.child.informed'), informedText(t, child.informed)],
        ])}
      />
    </div>
  );
}

export function Children(props: { t: Translate; views: ChildView[] }): SafeHtml {
  const { t, views } = props;
  return (
    <Section id="child-heading" heading={views.length === 1 ? t('mottak.report.child.heading') : t('mottak.report.child.headingMany', { count: views.length })}>
      {views.map((c) => (
        <ChildCard t={t} child={c} />
      ))}
    </Section>
  );
}

/** The reporter's own words, as typed: line breaks kept, nothing rephrased. */
function Quote(props: { heading: string; text: string }): SafeHtml | null {
  if (!props.text.trim()) return null;
  return (
    <>
      <h3 class="ds-heading" data-size="xs">
        {props.heading}
      </h3>
      <blockquote class="mk-quote">{props.text.trim()}</blockquote>
    </>
  );
}

function interpreterText(t: Translate, interpreter: ReportView['concern']['interpreter']): string | null {
  if (!interpreter) return null;
  if ('text' in interpreter) return interpreter.text;
  if (interpreter.need === 'yes') return interpreter.language.trim() ? t('mottak.report.concern.interpreterYes', { language: interpreter.language.trim() }) : t('common.yes');
  return t(interpreter.need === 'no' ? 'common.no' : 'mottak.report.concern.interpreterUnknown');
}

export function Concern(props: { t: Translate; row: FoundReport; view: ReportView }): SafeHtml {
  const { t, row } = props;
  const { concern } = props.view;
  const facts = given([
    [t('mottak.report.concern.interpreter'), interpreterText(t, concern.interpreter)],
    [t('mottak.report.concern.otherAgencies'), concern.otherAgencies.trim()],
  ]);
  return (
    <Section id="content-heading" heading={t('mottak.report.concern.heading')}>
      {row.categories.length > 0 ? (
        <>
          <h3 class="ds-heading" data-size="xs">
            {t('mottak.report.categories')}
          </h3>
          <ul class="ds-list">
            {row.categories.map((c) => (
              <li>{`${findContentCode(c)?.text ?? c} (${c})`}</li>
            ))}
          </ul>
        </>
      ) : null}
      <Quote heading={t('mottak.report.concern.whatHappened')} text={concern.whatHappened} />
      <Quote heading={t('mottak.report.concern.history')} text={concern.history} />
      <Quote heading={t('mottak.report.concern.otherViews')} text={concern.otherViews} />
      {facts.length > 0 ? <KeyValueTable rows={facts} /> : null}
    </Section>
  );
}

export function Guardians(props: { t: Translate; guardians: GuardianView[] }): SafeHtml {
  const { t, guardians } = props;
  return (
    <Section id="guardians-heading" heading={t('mottak.report.guardians.heading')}>
      {guardians.length === 0 ? <p class="ds-paragraph">{t('mottak.report.guardians.none')}</p> : null}
      {guardians.map((g) => (
        <div class="mp-card">
          <h3 class="ds-heading" data-size="xs">
            {g.name || t('mottak.report.guardians.unnamed')}
          </h3>
          <KeyValueTable rows={given([[t('mottak.report.phone'), g.phone], [t('mottak.report.child.informed'), informedText(t, g.informed)]])} />
        </div>
      ))}
    </Section>
  );
}

export function Reporter(props: { t: Translate; reporter: ReporterView }): SafeHtml {
  const { t, reporter } = props;
  if (reporter.type === 'private') {
    return (
      <Section id="reporter-heading" heading={t('mottak.report.reporter.heading')}>
        {reporter.keepIdentityFromFamily ? (
          <div class="ds-alert" data-color="warning">
            <p class="ds-paragraph">{t('mottak.report.reporter.keepIdentity')}</p>
          </div>
        ) : null}
        <KeyValueTable
          rows={given([
            [t('mottak.report.reporter.name'), reporter.name],
            [t('mottak.report.reporter.relation'), reporter.relation],
            [t('mottak.report.phone'), reporter.phone],
            [t('mottak.report.reporter.address'), reporter.address],
          ])}
        />
      </Section>
    );
  }
  const consent = reporter.consent;
  const duty =
    reporter.dutyGrounds === null ? null : reporter.dutyGrounds.length > 0 ? (
      <>
        {t('mottak.report.reporter.dutyTriggered')}
        <ul class="ds-list">
          {reporter.dutyGrounds.map((g) => (
            <li>{t(`journey.meldeplikt.grounds.${g}`)}</li>
          ))}
        </ul>
      </>
    ) : (
      t('mottak.report.reporter.dutyNotTriggered')
    );
  return (
    <Section id="reporter-heading" heading={t('mottak.report.reporter.heading')}>
      <KeyValueTable
        rows={given([
          [t('mottak.report.reporter.name'), reporter.name],
          [t('mottak.report.reporter.role'), reporter.role],
          [t('mottak.report.reporter.employer'), [reporter.employer, reporter.employerOrgnr && t('mottak.report.reporter.orgnr', { orgnr: reporter.employerOrgnr })].filter(Boolean).join('\n')],
          [t('mottak.report.reporter.employerAddress'), reporter.employerAddress],
          [t('mottak.report.phone'), reporter.phone],
          [t('mottak.report.reporter.email'), reporter.email],
          [t('mottak.report.reporter.duty'), duty],
          ...(consent
            ? ([
                [t('mottak.report.reporter.parentsConsented'), t(consent.parentsConsented ? 'common.yes' : 'common.no')],
                [t('mottak.report.reporter.childOver15'), consent.childOver15 === 'notApplicable' ? t('mottak.report.reporter.notApplicable') : t(consent.childOver15 === 'yes' ? 'common.yes' : 'common.no')],
                [t('mottak.report.reporter.consentDate'), consent.consentDate ? formatDate(t.lang, consent.consentDate) : null],
                [t('mottak.report.reporter.howRecorded'), consent.howRecorded.trim()],
              ] as [string, string | null][])
            : []),
        ])}
      />
    </Section>
  );
}
