// The pieces every footer page is made of: the page with its h1 and lead, sections, paragraphs,
// link lines, lists, and the operator's name and contact as the configuration gives them.
import { h, Fragment, type SafeHtml } from '../../web/jsx.ts';
import { Layout, type PageContext } from '../web/portal-layout.tsx';
import type { Operator } from '../config.ts';

export const EXTERNAL = {
  datatilsynet: 'https://www.datatilsynet.no/',
  diskrimineringsnemnda: 'https://www.diskrimineringsnemnda.no/',
  uutilsynet: 'https://www.uutilsynet.no/',
  uustatus: 'https://uustatus.no/',
};

export interface InfoProps {
  ctx: PageContext;
  operator: Operator;
}

/**
 * A page with its h1 and a lead. The long compound titles carry soft hyphens in the locale files
 * ("Tilgjengelighets\u00aderklæring"): a phone breaks them there, with a hyphen, and not at a
 * random letter, since browsers hyphenate Norwegian only where they have a dictionary for it.
 */
export function InfoPage(props: { ctx: PageContext; title: string; lead: string; children?: unknown }): SafeHtml {
  return (
    <Layout ctx={props.ctx} title={props.title}>
      <h1 class="ds-heading" data-size="lg">
        {props.title}
      </h1>
      <p class="ds-paragraph" data-size="lg">
        {props.lead}
      </p>
      {props.children as SafeHtml}
    </Layout>
  );
}

export function Section(props: { id: string; heading: string; children?: unknown }): SafeHtml {
  return (
    <section class="mp-info-section" aria-labelledby={props.id}>
      <h2 class="ds-heading" data-size="sm" id={props.id}>
        {props.heading}
      </h2>
      {props.children as SafeHtml}
    </section>
  );
}

export function P(props: { children?: unknown }): SafeHtml {
  return <p class="ds-paragraph">{props.children as SafeHtml}</p>;
}

export function LinkLine(props: { href: string; text: string }): SafeHtml {
  return (
    <p class="ds-paragraph">
      <a class="ds-link" href={props.href}>
        {props.text}
      </a>
    </p>
  );
}

/** Who runs this installation, or, in development, that no one is named. */
export function OperatorLine(props: InfoProps): SafeHtml {
  const { t } = props.ctx;
  const name = props.operator.name;
  return <P>{name ? t('info.operator.named', { operator: name }) : t('info.operator.notNamed')}</P>;
}

/** Where to write, and what never to write there. */
export function OperatorContact(props: InfoProps): SafeHtml {
  const { t } = props.ctx;
  const { name, email } = props.operator;
  return (
    <>
      {name && email ? (
        <P>
          {t('info.operator.write', { operator: name })}{' '}
          <a class="ds-link" href={`mailto:${email}`}>
            {email}
          </a>
        </P>
      ) : (
        <P>{t('info.operator.noAddress')}</P>
      )}
      <P>{t('info.operator.notByEmail')}</P>
    </>
  );
}

export function List(props: { items: string[]; ordered?: boolean }): SafeHtml {
  const items = props.items.map((item) => <li>{item}</li>);
  return props.ordered ? <ol class="ds-list">{items}</ol> : <ul class="ds-list">{items}</ul>;
}
