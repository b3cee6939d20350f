// The pages the footer links to: help, who runs the service, privacy, cookies and accessibility.
// What they say about storage and encryption is what the code does (decisions 003, 008, 009); the
// operator's name and address come from the configuration (OPERATOR_NAME, OPERATOR_EMAIL), so an
// installation never claims to be run by someone it is not. Written in bokmål, nynorsk and English; a
// Sámi reader gets them in bokmål with a notice in Sámi, as on the form (decision 013).
import type { FastifyInstance } from 'fastify';
import { h, renderDocument, type SafeHtml } from '../../web/jsx.ts';
import type { PageContext } from '../web/portal-layout.tsx';
import { pageContext } from '../web/page-context.ts';
import { sessionCookieName } from '../auth/session.ts';
import { AboutPage, AccessibilityPage, CookiesPage, HelpPage, PrivacyPage } from './info-pages.tsx';

/** The footer's links, in the order they are shown; the paths are the pages' own. */
export const INFO_PAGES = [
  { path: '/hjelp', nav: 'info.nav.help', title: 'info.help.title' },
  { path: '/om-tjenesten', nav: 'info.nav.about', title: 'info.about.title' },
  { path: '/personvern', nav: 'info.nav.privacy', title: 'info.privacy.title' },
  { path: '/informasjonskapsler', nav: 'info.nav.cookies', title: 'info.cookies.title' },
  { path: '/tilgjengelighet', nav: 'info.nav.accessibility', title: 'info.accessibility.title' },
] as const;

export async function infoPagesPlugin(app: FastifyInstance): Promise<void> {
  const operator = app.config.operator;
  const pages: Record<(typeof INFO_PAGES)[number]['path'], (ctx: PageContext) => SafeHtml> = {
    '/hjelp': (ctx) => <HelpPage ctx={ctx} operator={operator} />,
    '/om-tjenesten': (ctx) => <AboutPage ctx={ctx} operator={operator} />,
    '/personvern': (ctx) => <PrivacyPage ctx={ctx} operator={operator} retentionDays={app.config.packageRetentionDays} />,
    '/informasjonskapsler': (ctx) => <CookiesPage ctx={ctx} operator={operator} cookieName={sessionCookieName(app.config.production)} />,
    '/tilgjengelighet': (ctx) => <AccessibilityPage ctx={ctx} operator={operator} />,
  };
  for (const { path } of INFO_PAGES) {
    app.get(path, async (request, reply) => reply.type('text/html; charset=utf-8').send(renderDocument(pages[path](pageContext(request, reply)))));
  }
}
