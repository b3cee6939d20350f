// Concluding a report: SSB's conclusion code, written reasons when it is closed, who reported and
// what it concerns. A failed check re-renders the form with 422, everything typed kept.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type SafeHtml } from '../../web/jsx.ts';
import { AppError } from '../../web/errors.ts';
import { BackLink, ErrorSummary, type FieldError } from '../../web/layout.tsx';
import { ChoiceGroup, SelectField, SubmitButton, TextField } from '../../web/form-fields.tsx';
import { CONCLUSION_CODES, REPORTER_CODES, codesValidOn, groupContentCodes } from '../../domain/ssb-codes.ts';
import { validateConclusion, type ConclusionInput } from '../../domain/mottak/conclusion.ts';
import type { ReporterCodeSuggestion } from '../../domain/mottak/reporter-code.ts';
import { osloDate } from '../../domain/delivery/working-days.ts';
import { MottakLayout, mottakContext, type MottakContext } from '../web/mottak-layout.tsx';
import { actorOf, asCaseworker, field, fieldList, reportIdParam, sendPage } from '../web/route-helpers.ts';
import { caseworkerOf } from '../auth/caseworker-session.ts';
import { concludeReport, findReport, type FoundReport } from '../report/report-queries.ts';
import { presentReport, suggestedReporterCode } from '../report/report-view.ts';
import { conclusionLabel } from '../web/code-labels.ts';


function ConclusionForm(props: { ctx: MottakContext; row: FoundReport; input: ConclusionInput; errors: FieldError[]; today: string; suggestion: ReporterCodeSuggestion | undefined }): SafeHtml {
  const { ctx, row, input, errors, suggestion } = props;
  const { t } = ctx;
  const codes = codesValidOn(CONCLUSION_CODES, props.today);
  const title = t('mottak.conclude.title', { reference: row.reference });
  const groundlessError = errors.find((e) => e.field === 'obviouslyGroundless')?.message;
  return (
    <MottakLayout ctx={ctx} title={title} errors={errors}>
      <BackLink ctx={ctx} href={`/meldinger/${row.id}`} />
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="ds-paragraph">{t('mottak.conclude.intro')}</p>
      <form method="post" action={`/meldinger/${row.id}/konklusjon`} novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <ChoiceGroup
          id="conclusionCode"
          name="conclusionCode"
          type="radio"
          legend={t('mottak.conclude.code')}
          choices={codes.map((c) => ({ value: c.code, label: conclusionLabel(t, c.code), description: t(c.closes ? 'mottak.conclude.closes' : 'mottak.conclude.investigates') }))}
          selected={[input.conclusionCode]}
          errors={errors}
        />
        <TextField id="reason" name="reason" label={t('mottak.conclude.reason')} description={t('mottak.conclude.reasonHint')} value={input.reason} errors={errors} multiline rows={5} />
        <div class="ds-field">
          <input
            class="ds-input"
            type="checkbox"
            id="obviouslyGroundless"
            name="obviouslyGroundless"
            value="ja"
            checked={input.obviouslyGroundless}
            aria-describedby={groundlessError ? 'obviouslyGroundless-error' : undefined}
            aria-invalid={groundlessError ? 'true' : undefined}
          />
          <label class="ds-label" data-weight="regular" for="obviouslyGroundless">
            {t('mottak.conclude.obviouslyGroundless')}
          </label>
          {groundlessError ? (
            <div class="ds-validation-message" data-field="validation" id="obviouslyGroundless-error">
              {groundlessError}
            </div>
          ) : null}
        </div>
        <SelectField
          id="reporterCode"
          name="reporterCode"
          label={t('mottak.conclude.reporterCode')}
          description={suggestion ? (suggestion.basis ? t('mottak.conclude.reporterCodeSuggested', { basis: suggestion.basis }) : t('mottak.conclude.reporterCodeSuggestedPlain')) : undefined}
          selected={input.reporterCode}
          options={[{ value: '', label: t('mottak.conclude.reporterCodeChoose') }, ...codesValidOn(REPORTER_CODES, props.today).map((c) => ({ value: c.code, label: `${c.code} ${c.text}` }))]}
          errors={errors}
        />
        <TextField id="reporterCodeDetail" name="reporterCodeDetail" label={t('mottak.conclude.reporterCodeDetail')} description={t('mottak.conclude.reporterCodeDetailHint')} value={input.reporterCodeDetail} errors={errors} />
        <fieldset class="ds-fieldset" aria-describedby={errors.some((e) => e.field === 'contentCodes') ? 'contentCodes-error contentCodes-description' : 'contentCodes-description'}>
          <legend class="ds-label">{t('mottak.conclude.contentCodes')}</legend>
          <p class="ds-paragraph" data-field="description" id="contentCodes-description">
            {t('mottak.conclude.contentCodesHint')}
          </p>
          {errors.some((e) => e.field === 'contentCodes') ? (
            <div class="ds-validation-message" data-field="validation" id="contentCodes-error">
              {errors.find((e) => e.field === 'contentCodes')!.message}
            </div>
          ) : null}
          {groupContentCodes().map((area, areaIndex) => (
            <details class="mp-details" open={areaIndex === 0 || area.themes.some((th) => th.codes.some((c) => input.contentCodes.includes(c.code)))}>
              <summary>{area.mainArea}</summary>
              {area.themes.map((theme) =>
                theme.codes.map((c) => {
                  const id = c.code === '1.1.01' ? 'contentCodes' : `contentCodes-${c.code}`;
                  return (
                    <div class="ds-field">
                      <input
                        class="ds-input"
                        type="checkbox"
                        id={id}
                        name="contentCodes"
                        value={c.code}
                        checked={input.contentCodes.includes(c.code)}
                        aria-invalid={errors.some((e) => e.field === 'contentCodes') ? 'true' : undefined}
                      />
                      <label class="ds-label" data-weight="regular" for={id}>
                        {`${c.code} ${c.text} (${theme.theme})`}
                      </label>
                    </div>
                  );
                }),
              )}
            </details>
          ))}
        </fieldset>
        <div class="mp-actions">
          <SubmitButton label={t('mottak.conclude.submit')} />
          <a class="ds-link" href={`/meldinger/${row.id}`}>
            {t('mottak.conclude.cancel')}
          </a>
        </div>
      </form>
    </MottakLayout>
  );
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

function suggestionFor(row: FoundReport, now: Date): ReporterCodeSuggestion | undefined {
  return suggestedReporterCode(presentReport(row, now).reporter, osloDate(now));
}

async function loadOpenReport(app: FastifyInstance, request: IdRequest, reply: FastifyReply): Promise<FoundReport | undefined> {
  const id = reportIdParam(request);
  const cw = caseworkerOf(request);
  const row = await asCaseworker(app, request, (trx) => findReport(trx, cw.serviceId, id));
  if (!row) throw new AppError('NOT_FOUND');
  if (row.conclusion_code) {
    await reply.redirect(`/meldinger/${id}#conclusion-heading`, 303);
    return undefined;
  }
  return row;
}

export async function conclusionPlugin(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { id: string } }>('/meldinger/:id/konklusjon', async (request, reply) => {
    const row = await loadOpenReport(app, request, reply);
    if (!row) return reply;
    const today = osloDate(app.mottak.clock.now());
    const suggestion = suggestionFor(row, app.mottak.clock.now());
    // The reporter's categories and the melder code their words point to come pre-chosen; the
    // caseworker confirms or changes them.
    const input: ConclusionInput = { conclusionCode: '', reason: '', obviouslyGroundless: false, reporterCode: suggestion?.code ?? '', reporterCodeDetail: suggestion?.detail ?? '', contentCodes: row.categories };
    return sendPage(reply, <ConclusionForm ctx={mottakContext(request, reply)} row={row} input={input} errors={[]} today={today} suggestion={suggestion} />);
  });

  app.post<{ Params: { id: string } }>('/meldinger/:id/konklusjon', { preHandler: app.csrfProtection }, async (request, reply) => {
    const row = await loadOpenReport(app, request, reply);
    if (!row) return reply;
    const body = request.body;
    const input: ConclusionInput = {
      conclusionCode: field(body, 'conclusionCode'),
      reason: field(body, 'reason'),
      obviouslyGroundless: field(body, 'obviouslyGroundless') === 'ja',
      reporterCode: field(body, 'reporterCode'),
      reporterCodeDetail: field(body, 'reporterCodeDetail'),
      contentCodes: fieldList(body, 'contentCodes'),
    };
    const today = osloDate(app.mottak.clock.now());
    const result = validateConclusion(input, today);
    if (!result.ok) {
      const ctx = mottakContext(request, reply);
      const errors = result.errors.map((e) => ({ field: e.field, message: ctx.t(`mottak.conclude.errors.${e.key}`) }));
      return sendPage(reply, <ConclusionForm ctx={ctx} row={row} input={input} errors={errors} today={today} suggestion={suggestionFor(row, app.mottak.clock.now())} />, 422);
    }
    const cw = caseworkerOf(request);
    const done = await asCaseworker(app, request, async (trx) => {
      // Re-read under the transaction: two caseworkers concluding at once must not both win.
      const current = await trx.selectFrom('reports').select('conclusion_code').where('service_id', '=', cw.serviceId).where('id', '=', row.id).forUpdate().executeTakeFirst();
      if (!current || current.conclusion_code) return false;
      await concludeReport(trx, actorOf(app, request), row, result.value);
      return true;
    });
    if (!done) throw new AppError('CONFLICT');
    return reply.redirect(`/meldinger/${row.id}#conclusion-heading`, 303);
  });
}
