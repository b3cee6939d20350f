// What a citizen's case page shows, built from the items indexed for them (decision 024): each case
// (a mappe) with its service, the caseworker, where it stands, and the records exposed to this
// person with their dates and appeal deadlines. Only what the service indexed for this person is
// here; addresses are never read (correspondence parties are left out whole).
import type { InnsynJournalpost, InnsynMappe, InnsynMilepel, InnsynPartRolle } from '../../domain/innsyn/validate-innsyn.ts';
import { toNorwegianLocalDate } from '../../domain/rules/norwegian-time.ts';
import type { OpenedItem } from './innsyn-index.ts';

export interface CaseDocument {
  messageId: string;
  title: string;
  type: 'VEDTAK' | 'MOTEREFERAT' | 'TILTAKSPLAN' | undefined;
  /** The document's own date, or the date it was registered (YYYY-MM-DD, Norway's calendar). */
  date: string | undefined;
  /** The last day to appeal (Norway's calendar), and how many days are left of it today. */
  appeal: { lastDay: string; daysLeft: number } | undefined;
  /** Files the service exposed with a link; a record without any is shown by title only. */
  files: { title: string; mimeType: string; size: number | undefined }[];
}

export interface CaseMilestone {
  name: string;
  start: string;
  end: string | undefined;
  current: boolean;
}

export interface CitizenCase {
  /** The mappe's message id: what the case's address names (not personal, chosen by the case system). */
  id: string;
  serviceId: string;
  title: string;
  role: InnsynPartRolle | undefined;
  caseworker: string | undefined;
  opened: string | undefined;
  closed: string | undefined;
  milestones: CaseMilestone[];
  documents: CaseDocument[];
}

function localDate(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? undefined : toNorwegianLocalDate(instant);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

function milestonesOf(mappe: InnsynMappe): CaseMilestone[] {
  const current = mappe.navaerendeMilepel ?? undefined;
  const sameAs = (m: InnsynMilepel) => current !== undefined && m.navn === current.navn && m.startdato === current.startdato;
  const listed = (mappe.milepeler ?? []).filter((m): m is InnsynMilepel => m !== null);
  if (current && !listed.some(sameAs)) listed.push(current);
  return listed
    .map((m) => ({ name: m.navn, start: localDate(m.startdato) ?? '', end: localDate(m.sluttdato), current: sameAs(m) }))
    .sort((a, b) => a.start.localeCompare(b.start));
}

function documentOf(item: OpenedItem, today: string): CaseDocument {
  const record = item.data as InnsynJournalpost;
  const lastDay = localDate(record.klagefrist);
  return {
    messageId: item.messageId,
    title: record.tittel,
    type: record.dokumenttype ?? undefined,
    date: localDate(record.dokumentetsDato) ?? localDate(record.journaldato),
    appeal: lastDay ? { lastDay, daysLeft: daysBetween(today, lastDay) } : undefined,
    files: (record.dokumenter ?? []).filter((d) => d !== null && Boolean(d.lenke)).map((d) => ({ title: d!.tittel, mimeType: d!.mimeType, size: d!.storrelse ?? undefined })),
  };
}

/** The person's cases, newest first, each with its records newest first. */
export function buildCitizenCases(items: OpenedItem[], now: Date): CitizenCase[] {
  const today = toNorwegianLocalDate(now);
  return items
    .filter((i) => i.kind === 'mappe')
    .map((item) => {
      const mappe = item.data as InnsynMappe;
      const documents = items
        .filter((d) => d.kind === 'journalpost' && d.serviceId === item.serviceId && d.parentMessageId === item.messageId)
        .map((d) => documentOf(d, today))
        .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''));
      return {
        id: item.messageId,
        serviceId: item.serviceId,
        title: mappe.tittel,
        role: mappe.minPart?.rolle,
        caseworker: mappe.saksansvarlig ?? undefined,
        opened: localDate(mappe.saksdato),
        closed: localDate(mappe.avsluttet),
        milestones: milestonesOf(mappe),
        documents,
      };
    })
    .sort((a, b) => (b.opened ?? '').localeCompare(a.opened ?? ''));
}
