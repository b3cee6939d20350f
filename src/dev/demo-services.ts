// The demo registry's services: the seven pilot municipalities of the national project, Oslo with
// its city districts, and one inter-municipal service. Contact data is for demonstration and must be
// confirmed by each service at onboarding (docs/decisions/004-demo-registry.md).

export interface DemoService {
  orgnr: string;
  name: string;
  daytimePhone: string;
  /** The service's own barnevernvakt, as its municipality publishes it; null where none was sourced. */
  barnevernvakt: { phone: string; hours: string } | null;
  postalAddress: string[];
  areas: { kommunenummer: string; bydelsnummer: string; name: string; defaultRecipient: boolean }[];
}

/** A syntactically valid organisation number (mod 11) for demo services; not a real organisation. */
export function demoOrgnr(seed: number): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (let n = seed; ; n++) {
    const base = `9990${String(n).padStart(4, '0')}`;
    const sum = [...base].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return base + String(check);
  }
}

// Contact data, read on 2026-12-07 from the pages named beside each value; docs/decisions/004 lists
// them all, with what each page said. Alarmtelefonen for barn og unge (116 111) is never a service's
// barnevernvakt number here: where we found no number of the service's own, `barnevernvakt` is null
// and the pages say so and point to 112 (migration 008 refuses 116 111 in that column).

/** Asker and Bærum share one barnevernvakt (bærum.kommune.no, already in decision 004). */
const ASKER_BAERUM_BARNEVERNVAKT = { phone: '67 50 47 70', hours: 'Hele døgnet' };

/**
 * Oslo's 15 districts (SSB's bydelsnummer), each with its own barneverntjeneste. Oslo has one
 * barnevernvakt for the whole city, open day and night (116111.no/omalarmtelefonen: "Det samme
 * gjelder for Oslo, som har åpent hele døgnet"); see OSLO_BARNEVERNVAKT for its number.
 * `postalAddress` is the district's own address where a page gave one with its postcode:
 * - Frogner: "Postboks 2400 Solli … 0201 Oslo" (Bydel Frogner's BU papers 2010, yumpu.com/no/document/view/9647128)
 * - St. Hanshaugen: "Pb 6999 St. Olavs plass, 0130 Oslo" (sameietsolhaugen.no, quoting the district's pages)
 * - Nordre Aker: "Bydel Nordre Aker, Postboks 4433 Nydalen, 0403 Oslo" (pangstart.oslo.kommune.no/politikk_bydel_nordre_aker/bydelsutvalget/)
 * - Bjerke: "Bydel Bjerke, Pb 13, Økern, 0508 Oslo" (pangstart.oslo.kommune.no/politikk_bydel_bjerke/)
 * - Alna: the district house, "Trygve Lies Plass 6, 1051 Oslo" (groruddalen.no, Bydel Alna, June 2022), a street address
 * The other ten have no sourced postcode yet: their lines say whose they are and the page says the
 * address is incomplete (never a guessed box number).
 */
/**
 * 40 42 77 77 is the number oslo.kommune.no/dognapne-tjenester/ lists for Barnevernvakten among the
 * city's 24-hour services. We could not open that page from here; the value and its page come from a
 * public project's line-by-line verification log (read off that page on 2026-08-13, row 236 of its
 * Oslo seed data), found through the workplace's code index. A second-hand reading of the city's own
 * page: Oslo confirms it at onboarding (decision 004).
 */
const OSLO_BARNEVERNVAKT = { phone: '40 42 77 77', hours: 'Hele døgnet' };

const OSLO_DISTRICTS: readonly { nr: string; name: string; address?: readonly [string, string] }[] = [
  { nr: '01', name: 'Gamle Oslo' },
  // Grünerløkka: "Postboks 2128 Grünerløkka" (BU papers 2009), but no postcode was given with it.
  { nr: '02', name: 'Grünerløkka' },
  { nr: '03', name: 'Sagene' },
  { nr: '04', name: 'St. Hanshaugen', address: ['Postboks 6999 St. Olavs plass', '0130 Oslo'] },
  { nr: '05', name: 'Frogner', address: ['Postboks 2400 Solli', '0201 Oslo'] },
  { nr: '06', name: 'Ullern' },
  { nr: '07', name: 'Vestre Aker' },
  { nr: '08', name: 'Nordre Aker', address: ['Postboks 4433 Nydalen', '0403 Oslo'] },
  { nr: '09', name: 'Bjerke', address: ['Postboks 13 Økern', '0508 Oslo'] },
  { nr: '10', name: 'Grorud' },
  { nr: '11', name: 'Stovner' },
  { nr: '12', name: 'Alna', address: ['Trygve Lies plass 6', '1051 Oslo'] },
  { nr: '13', name: 'Østensjø' },
  { nr: '14', name: 'Nordstrand' },
  { nr: '15', name: 'Søndre Nordstrand' },
];

function wholeMunicipality(kommunenummer: string, name: string) {
  return { kommunenummer, bydelsnummer: '00', name, defaultRecipient: true };
}

/** `postalLines` are the address lines after "<municipality> kommune, Barneverntjenesten". */
type MunicipalContact = Pick<DemoService, 'daytimePhone' | 'barnevernvakt'> & { postalLines: string[] };

export function demoServices(): DemoService[] {
  let seed = 1;
  const service = (s: Omit<DemoService, 'orgnr'>): DemoService => ({ orgnr: demoOrgnr(seed++ * 10), ...s });
  // A municipality's own barneverntjeneste covers all of it and is written to at the municipality,
  // so its name and the first lines of its address follow from the municipality's name.
  const municipalService = (kommunenummer: string, municipality: string, contact: MunicipalContact): DemoService =>
    service({
      name: `Barneverntjenesten i ${municipality}`,
      daytimePhone: contact.daytimePhone,
      barnevernvakt: contact.barnevernvakt,
      postalAddress: [`${municipality} kommune`, 'Barneverntjenesten', ...contact.postalLines],
      areas: [wholeMunicipality(kommunenummer, municipality)],
    });
  return [
    ...OSLO_DISTRICTS.map(({ nr, name, address }) =>
      service({
        name: `Barneverntjenesten i bydel ${name}`,
        // "Felles telefonnummer for alle tjenester i Oslo kommune er: 02180" (sameietsolhaugen.no; also Bydel Bjerke's page).
        daytimePhone: '02180',
        barnevernvakt: OSLO_BARNEVERNVAKT,
        postalAddress: address ? [`Bydel ${name}`, 'Barneverntjenesten', ...address] : [`Bydel ${name}`, 'Barneverntjenesten', 'Oslo kommune'],
        // Gamle Oslo takes reports where the reporter does not know the district (demo choice).
        areas: [{ kommunenummer: '0301', bydelsnummer: nr, name: `Bydel ${name}`, defaultRecipient: nr === '01' }],
      }),
    ),
    municipalService('5001', 'Trondheim', {
      daytimePhone: '72 54 00 00',
      // Trondheim's barnevernvakt is open day and night (116111.no), but no number of its own was
      // found: neighbours' pages send callers through the police, 02800 (halsa.kommune.no, melhus.kommune.no).
      barnevernvakt: null,
      postalLines: ['7004 Trondheim'],
    }),
    municipalService('4601', 'Bergen', {
      daytimePhone: '55 56 55 56',
      // "Barnevernvakten: 55361180" (bergen-kommune.no/innbyggerhjelpen/…/barnevernet); "på kveldstid,
      // i helger og høytider" (bergen.kommune.no/…/barnevern/barneverntjenesten).
      barnevernvakt: { phone: '55 36 11 80', hours: 'Kveld, helger og høytider' },
      postalLines: ['5020 Bergen'],
    }),
    municipalService('1103', 'Stavanger', {
      // "Stavanger kommune, Øvre Kleivegate 15, postboks 8001, 4068 Stavanger … Tlf: +47 51 50 70 90"
      // and "Barnevernvakten kan kontaktes på telefon 51 89 91 67" (stavanger.kommune.no, barnevern pages).
      daytimePhone: '51 50 70 90',
      barnevernvakt: { phone: '51 89 91 67', hours: 'Etter kontortid' },
      postalLines: ['Postboks 8001', '4068 Stavanger'],
    }),
    municipalService('4204', 'Kristiansand', {
      // "Felles telefonnummer til Familiens hus og barnevernvakten: 38 07 54 00"; the barnevernvakt is
      // open Mon–Thu 08–23, Fri 08–24, Sat 17–02, Sun 17–23, and "Etter stengetid besvares vår telefon av
      // Alarmtelefonen for barn og unge" (kristiansand.kommune.no/…/barnevern/), which Kristiansand runs.
      daytimePhone: '38 07 54 00',
      barnevernvakt: {
        phone: '38 07 54 00',
        hours: 'Hele døgnet (om natten svarer Alarmtelefonen)',
      },
      postalLines: ['4604 Kristiansand S'],
    }),
    municipalService('3201', 'Bærum', {
      daytimePhone: '67 50 68 00',
      barnevernvakt: ASKER_BAERUM_BARNEVERNVAKT,
      postalLines: ['Postboks 700', '1304 Sandvika'],
    }),
    municipalService('3203', 'Asker', {
      daytimePhone: '66 90 90 00',
      barnevernvakt: ASKER_BAERUM_BARNEVERNVAKT,
      postalLines: ['1372 Asker'],
    }),
    service({
      name: 'Sør-Helgeland barneverntjeneste',
      // "Du kan kontakte barnevernet ved å ringe 75 01 20 00 … Akuttberedskapstelefon +47 908 07 210
      // (åpen hele året, utenom ordinær arbeidstid)" (vega.kommune.no/…/barnevern/);
      // "Barnevernstjenesten, Adresse : Rådhuset, 8905 Brønnøysund" (bronnoy.kommune.no/barnevern).
      daytimePhone: '75 01 20 00',
      barnevernvakt: { phone: '908 07 210', hours: 'Utenom kontortid, hele året' },
      postalAddress: ['Sør-Helgeland barneverntjeneste', 'Brønnøy kommune', 'Rådhuset', '8905 Brønnøysund'],
      areas: [
        wholeMunicipality('1811', 'Bindal'),
        wholeMunicipality('1812', 'Sømna'),
        wholeMunicipality('1813', 'Brønnøy'),
        wholeMunicipality('1815', 'Vega'),
        wholeMunicipality('1816', 'Vevelstad'),
      ],
    }),
  ];
}
