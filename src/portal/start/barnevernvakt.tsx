// A service's own barnevernvakt, wherever the portal tells a reporter whom to call when it is urgent.
// Where the registry has no number for it, the page says so and points to 112: Alarmtelefonen for
// barn og unge (116 111) is a line for children, never a service's barnevernvakt (issue 17).
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { partLanguage } from '../../web/layout.tsx';
import { type PageContext } from '../web/portal-layout.tsx';
import { PhoneLink } from '../../web/phone-link.tsx';
import type { ServiceContact } from '../registry/registry-queries.ts';

type Emergency = Pick<ServiceContact, 'emergencyPhone' | 'emergencyHours'>;

/** What to do when the number is missing; in bokmål (marked so) on a page in Sámi. */
function NumberMissing(props: { ctx: PageContext }): SafeHtml {
  const { t } = props.ctx;
  return <span lang={partLanguage(t, 'contact.emergencyMissing')}>{t('contact.emergencyMissing')}</span>;
}

/** One line: "Barnevernvakten: 67 50 47 70 (Hele døgnet)", or that the number is missing. */
export function BarnevernvaktLine(props: { ctx: PageContext; service: Emergency }): SafeHtml {
  const { ctx, service } = props;
  return (
    <>
      {ctx.t('start.contact.emergency')}:{' '}
      {service.emergencyPhone ? (
        <>
          <PhoneLink phone={service.emergencyPhone} /> ({service.emergencyHours})
        </>
      ) : (
        <NumberMissing ctx={ctx} />
      )}
    </>
  );
}

/** The value under a "Barnevernvakten" term: the number and its hours, or that it is missing. */
export function BarnevernvaktDetails(props: { ctx: PageContext; service: Emergency }): SafeHtml {
  const { ctx, service } = props;
  if (!service.emergencyPhone) return <NumberMissing ctx={ctx} />;
  return (
    <>
      <PhoneLink phone={service.emergencyPhone} />
      <br />
      {ctx.t('start.contact.emergencyHours', { hours: service.emergencyHours ?? '' })}
    </>
  );
}
