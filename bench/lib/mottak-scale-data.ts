// A mottak database as a long-lived installation would hold it: many services (one much larger
// than the rest), years of reports of which almost all are concluded, a few thousand open, and the
// audit chain, caseworkers and feedback rows that go with them. Generated in SQL
// (`insert … select from generate_series`), so a million reports take a minute, not an hour.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MottakDB } from '../../src/mottak/db/schema.ts';
import { DEV_CASEWORKERS } from '../../src/dev/caseworker-idp/index.ts';
import { CONTENT_CODES } from '../../src/domain/ssb-codes.ts';
import { GENESIS_HASH, hashAuditEntry } from '../../src/mottak/audit/audit-log.ts';

export interface ScaleService {
  id: string;
  orgnr: string;
  name: string;
  kommunenummer: string;
  /** Share of all reports. */
  share: number;
  /** [bydelsnummer, bydelsnavn]; '00' stands for "district not known". */
  districts: [string, string][];
}

/** What the benchmark searches and filters for: values that exist in the big service. */
export interface ScaleSamples {
  bigServiceId: string;
  assigneeId: string;
  category: string;
  district: string;
  childName: string;
  fnr: string;
  reference: string;
}

const FIRST_NAMES = 'ola kari emma nora sofie ella maja olivia ada ingrid leah frida sara vilde jakob emil noah oskar lucas filip aksel henrik william isak magnus liam elias mathias tobias sander jonas johannes theodor amir mohammed yusuf aisha fatima zara mia selma tiril hedda astrid linnea jenny martin kristian even eirik halvor sigurd'.split(' ');
const SURNAMES = 'hansen johansen olsen larsen andersen pedersen nilsen kristiansen jensen karlsen johnsen pettersen eriksen berg haugen hagen johannessen andreassen jacobsen dahl jørgensen halvorsen henriksen lund sørensen jakobsen moen gundersen iversen strand solberg svendsen eide knutsen martinsen paulsen bakken kristoffersen mathisen lie amundsen nguyen rasmussen ali lunde solheim berge moe nygård bakke kristensen fredriksen holm lien hauge andersson ahmed ødegård tveit'.split(' ');

function demoService(name: string): { orgnr: string; name: string } {
  const cw = DEV_CASEWORKERS.find((c) => c.serviceName === name);
  if (!cw) throw new Error(`no dev caseworker works for ${name}`);
  return { orgnr: cw.serviceOrgnr, name: cw.serviceName };
}

/**
 * The services: Trondheim is the big one (a third of all reports, four districts and "not known"),
 * because its dev caseworkers include a manager; the rest share the remainder.
 */
export function scaleServices(): ScaleService[] {
  const trondheim = demoService('Barneverntjenesten i Trondheim');
  const bergen = demoService('Barneverntjenesten i Bergen');
  const gamleOslo = demoService('Barneverntjenesten i bydel Gamle Oslo');
  const grunerlokka = demoService('Barneverntjenesten i bydel Grünerløkka');
  const services: ScaleService[] = [
    { id: randomUUID(), ...trondheim, kommunenummer: '5001', share: 0.32, districts: [['01', 'Midtbyen'], ['02', 'Østbyen'], ['03', 'Lerkendal'], ['04', 'Heimdal'], ['00', '']] },
    { id: randomUUID(), ...bergen, kommunenummer: '4601', share: 0.23, districts: [['00', '']] },
    { id: randomUUID(), ...gamleOslo, kommunenummer: '0301', share: 0.12, districts: [['01', 'Gamle Oslo']] },
    { id: randomUUID(), ...grunerlokka, kommunenummer: '0301', share: 0.12, districts: [['02', 'Grünerløkka']] },
  ];
  // Ten smaller services with made-up organisation numbers outside the demo registry's range.
  for (let n = 0; n < 10; n++) {
    services.push({ id: randomUUID(), orgnr: `98800${String(n).padStart(4, '0')}`, name: `Barneverntjenesten i Testkommune ${n + 1}`, kommunenummer: String(3000 + n), share: 0.021, districts: [['00', '']] });
  }
  return services;
}

const CASEWORKERS_PER_SERVICE = 25;
const YEARS = 8;

/**
 * Fills an empty, migrated mottak database. `now` is the benchmark's clock: reports of the last
 * three weeks are mostly open, older ones concluded but for a few forgotten ones.
 */
export async function generateScaleData(db: Kysely<MottakDB>, options: { reports: number; now: Date; batch?: number; onProgress?: (done: number) => void }): Promise<{ services: ScaleService[]; samples: ScaleSamples }> {
  const services = scaleServices();
  const big = services[0]!;
  await db.insertInto('services').values(services.map((s) => ({ id: s.id, orgnr: s.orgnr, name: s.name }))).execute();
  const caseworkers = services.flatMap((s) =>
    Array.from({ length: CASEWORKERS_PER_SERVICE }, (_, n) => ({
      id: randomUUID(),
      service_id: s.id,
      subject: `bench-${s.orgnr}-${n}`,
      name: `${FIRST_NAMES[(n * 7) % FIRST_NAMES.length]} ${SURNAMES[(n * 11) % SURNAMES.length]}`.replace(/(^|\s)\p{L}/gu, (c) => c.toUpperCase()),
      role: n === 0 ? ('leder' as const) : ('saksbehandler' as const),
    })),
  );
  await db.insertInto('caseworkers').values(caseworkers).execute();

  // One row per (service, district) with the cumulative share it covers in [0, 1): a report's
  // service and district follow from one uniform number.
  const mix: string[] = [];
  let cumulative = 0;
  const total = services.reduce((s, x) => s + x.share, 0);
  for (const s of services) {
    const width = s.share / total / s.districts.length;
    for (const [nr, name] of s.districts) {
      mix.push(`(${sqlText(s.id)}::uuid, ${sqlText(s.kommunenummer)}, ${sqlText(nr)}, ${sqlText(name)}, ${cumulative}, ${cumulative + width})`);
      cumulative += width;
    }
  }
  const codes = `(array[${CONTENT_CODES.map((c) => sqlText(c.code)).join(',')}])`;
  const firstNames = `(array[${FIRST_NAMES.map(sqlText).join(',')}])`;
  const surnames = `(array[${SURNAMES.map(sqlText).join(',')}])`;
  const now = options.now.toISOString();
  const batch = options.batch ?? 50_000;
  await sql`select setseed(0.42)`.execute(db);
  for (let lo = 1; lo <= options.reports; lo += batch) {
    const hi = Math.min(options.reports, lo + batch - 1);
    // r: the report's random draws; its age decides its status; names and fnrs follow the row
    // number so that a search has something to find.
    await sql
      .raw(
        `
with mix (service_id, kommunenummer, bydelsnummer, bydelsnavn, lo, hi) as (values ${mix.join(',')}),
workers as (select service_id, array_agg(id order by subject) as ids from caseworkers group by service_id),
draws as (
  select i, random() as pick, random() as r_age, random() as r_status, random() as r_urgent, random() as r_cat,
         random() as r_cat2, random() as r_two, random() as r_worker, random() as r_conclusion, random() as r_private
  from generate_series(${lo}, ${hi}) as i
),
shaped as (
  select d.*, m.service_id, m.kommunenummer, m.bydelsnummer, m.bydelsnavn,
         -- Received over the last ${YEARS} years, evenly.
         date_trunc('milliseconds', timestamptz '${now}' - (d.r_age * interval '${YEARS} years')) as received_at,
         d.r_age * ${YEARS * 365} as age_days
  from draws d join mix m on d.pick >= m.lo and d.pick < m.hi
),
staged as (
  select s.*,
         case
           when s.age_days < 3 then (case when s.r_status < 0.75 then 'ny' else 'under_behandling' end)
           when s.age_days < 21 then (case when s.r_status < 0.15 then 'ny' when s.r_status < 0.75 then 'under_behandling' else 'konkludert' end)
           when s.r_status < 0.0005 then 'under_behandling'
           else 'konkludert'
         end as status,
         ${firstNames}[1 + (hashint4(s.i) & 2147483647) % ${FIRST_NAMES.length}] || ' ' || ${surnames}[1 + (hashint4(s.i + 7) & 2147483647) % ${SURNAMES.length}] as child1,
         ${firstNames}[1 + (hashint4(s.i + 13) & 2147483647) % ${FIRST_NAMES.length}] || ' ' || ${surnames}[1 + (hashint4(s.i + 7) & 2147483647) % ${SURNAMES.length}] as child2,
         to_char(s.received_at - ((hashint4(s.i + 3) & 2147483647) % 6500) * interval '1 day', 'DDMMYY') || lpad((s.i % 100000)::text, 5, '0') as fnr1,
         to_char(s.received_at - ((hashint4(s.i + 5) & 2147483647) % 6500) * interval '1 day', 'DDMMYY') || lpad(((s.i + 50000) % 100000)::text, 5, '0') as fnr2,
         ${codes}[1 + floor(${CONTENT_CODES.length} * s.r_cat * s.r_cat)::int] as code1,
         ${codes}[1 + floor(${CONTENT_CODES.length} * s.r_cat2)::int] as code2,
         w.ids[1 + floor(s.r_worker * ${CASEWORKERS_PER_SERVICE})::int] as worker
  from shaped s join workers w on w.service_id = s.service_id
)
insert into reports (id, service_id, reference, message_type, reporter_type, kommunenummer, bydelsnummer, bydelsnavn,
  sent_at, received_at, review_deadline, urgent, categories, child_names, child_fnrs, fiks_document, report, signed_at,
  status, assignee_id, conclusion_code, conclusion_reason, concluded_at, concluded_by, reporter_code, content_codes,
  investigation_deadline, investigation_outcome, investigation_ended_at)
select gen_random_uuid(), service_id,
  'BM-' || upper(substr(md5(i::text), 1, 4)) || '-' || upper(substr(md5(i::text), 5, 4)),
  case when r_private < 0.3 then 'no.ks.fiks.bekymringsmelding.privat.v2' else 'no.ks.fiks.bekymringsmelding.offentlig.v2' end,
  case when r_private < 0.3 then 'private' else 'professional' end,
  kommunenummer, bydelsnummer, bydelsnavn,
  received_at - interval '2 minutes', received_at, ((received_at at time zone 'Europe/Oslo')::date + 7),
  r_urgent < 0.05,
  case when r_two < 0.3 then array[code1, code2] else array[code1] end,
  case when r_two < 0.15 then child1 || ' | ' || child2 else child1 end,
  case when r_private < 0.3 then '{}'::text[] when r_two < 0.15 then array[fnr1, fnr2] else array[fnr1] end,
  jsonb_build_object('referanse', 'BM-' || upper(substr(md5(i::text), 1, 8)), 'kommunenummer', kommunenummer,
    'bekymring', repeat('Barnet virker redd og sliten, og har vært borte fra skolen flere dager. ', 8 + (i % 12))),
  null, received_at - interval '2 minutes',
  status,
  case when status = 'ny' then null else worker end,
  case when status = 'konkludert' then (case when r_conclusion < 0.45 then '1' when r_conclusion < 0.55 then '3' else '2' end) end,
  case when status = 'konkludert' then 'Vurdert etter § 2-1.' end,
  case when status = 'konkludert' then received_at + interval '5 days' end,
  case when status = 'konkludert' then worker end,
  case when status = 'konkludert' then (case when r_private < 0.3 then '11' else '03' end) end,
  case when status = 'konkludert' then array[code1] else '{}'::text[] end,
  case when status = 'konkludert' and r_conclusion >= 0.55 then ((received_at at time zone 'Europe/Oslo')::date + 7 + interval '3 months')::date end,
  case when status = 'konkludert' and r_conclusion >= 0.55 and age_days > 100 then (case when r_conclusion < 0.8 then 'henlagt' else 'tiltak' end) end,
  case when status = 'konkludert' and r_conclusion >= 0.55 and age_days > 100 then received_at + interval '80 days' end
from staged`,
      )
      .execute(db);
    options.onProgress?.(hi);
  }
  // Feedback: the receipt is due for every report and sent for all but the last three weeks'.
  await sql`insert into report_feedback (report_id, service_id, type, due_date, sent_at)
    select id, service_id, 'mottatt', review_deadline + 14,
           case when received_at < ${options.now}::timestamptz - interval '21 days' then received_at + interval '1 day' end
    from reports`.execute(db);
  await writeAuditChains(db, services);
  await sql`vacuum analyze`.execute(db);

  const sample = await db
    .selectFrom('reports')
    .select(['child_names', 'child_fnrs', 'reference', 'assignee_id'])
    .where('service_id', '=', big.id)
    .where('reporter_type', '=', 'professional')
    .where('assignee_id', 'is not', null)
    .orderBy('received_at', 'desc')
    .offset(5000)
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    services,
    samples: {
      bigServiceId: big.id,
      assigneeId: sample.assignee_id!,
      // A mid-frequency code (about 2 % of reports).
      category: CONTENT_CODES[Math.floor(CONTENT_CODES.length * 0.5)]!.code,
      district: '03',
      childName: sample.child_names.split(' | ')[0]!,
      fnr: sample.child_fnrs[0]!,
      reference: sample.reference,
    },
  };
}

/**
 * One "report.received" entry per report, chained per service in the order received, hashed by the
 * app's own hashAuditEntry so the verifier sees a whole chain.
 */
async function writeAuditChains(db: Kysely<MottakDB>, services: ScaleService[]): Promise<void> {
  const batch = 20_000;
  for (const service of services) {
    // One read per service, in the order received: paging by (received_at, id) would sort the
    // service's reports again for every page.
    const rows = await db.selectFrom('reports').select(['id', 'reference', 'received_at']).where('service_id', '=', service.id).orderBy('received_at').orderBy('id').execute();
    let seq = 0;
    let prevHash = GENESIS_HASH;
    for (let start = 0; start < rows.length; start += batch) {
      const columns = { seq: [] as number[], at: [] as string[], report: [] as string[], detail: [] as string[], prev: [] as string[], hash: [] as string[] };
      for (const row of rows.slice(start, start + batch)) {
        seq++;
        const detail = { reference: row.reference };
        const hash = hashAuditEntry({ serviceId: service.id, seq, at: row.received_at, actorId: null, actorName: 'system', action: 'report.received', reportId: row.id, detail, ip: '', prevHash });
        columns.seq.push(seq);
        columns.at.push(row.received_at.toISOString());
        columns.report.push(row.id);
        columns.detail.push(JSON.stringify(detail));
        columns.prev.push(prevHash);
        columns.hash.push(hash);
        prevHash = hash;
      }
      await sql`insert into audit_log (service_id, seq, at, actor_id, actor_name, action, report_id, detail, ip, prev_hash, hash)
        select ${service.id}::uuid, s, a, null, 'system', 'report.received', r, d::jsonb, '', p, h
        from unnest(${columns.seq}::bigint[], ${columns.at}::timestamptz[], ${columns.report}::uuid[], ${columns.detail}::text[], ${columns.prev}::text[], ${columns.hash}::text[]) as t(s, a, r, d, p, h)`.execute(db);
    }
    await db.insertInto('audit_heads').values({ service_id: service.id, seq, hash: prevHash }).execute();
  }
}

function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
