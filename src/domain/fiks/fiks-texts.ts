// Every Norwegian text the Fiks mapping writes into a bekymringsmelding. These are protocol content
// read by the case worker in the receiving service's case system, not UI strings: they must not
// follow the reporter's language choice, and changing one changes what municipalities receive, so they
// live together here instead of in the web locales.
import type { DutyGround } from '../report.ts';

export const FIKS_TEXTS = {
  /** `leveringskanal`: the value KS's own examples use for a message delivered to a case system. */
  deliveryChannel: 'Fagsystem',
  /** `adresselinje1` is required by the schema even when the reporter does not know the address. */
  unknownAddress: 'Ukjent adresse',
  unbornChildName: 'Ufødt barn',
  /** A child the reporter could not name (the name is asked "as well as you know it"). */
  unnamedChild: 'Navn ikke oppgitt',
  unbornAge: 'Ufødt',
  unbornNotInformed: 'Barnet er ikke født',
  /** A private person may leave the areas to the caseworker. */
  noCategories: 'Bekymringen gjelder: melder valgte ingen områder (se teksten).',
  /** The offentlig schema needs 1–2 guardians; this entry says honestly that none was given. */
  unknownGuardian: {
    name: 'Ukjent',
    notInformedReason: 'Melder kjenner ikke til foresatte',
  },
  yes: 'Ja',
  no: 'Nei',
  interpreter: {
    yes: (language: string) => `Ja, språk: ${language}`,
    no: 'Nei',
    unknown: 'Vet ikke',
  },
  urgency: {
    urgent: 'Hastegrad: Haster. Melder mener barnet trenger hjelp raskt.',
    normal: 'Hastegrad: Haster ikke.',
  },
  headings: {
    categories: 'Bekymringen gjelder:',
    whatHappened: 'Hva har skjedd:',
    history: 'Hvor lenge og hvor ofte (historikk):',
    otherViews: 'Andre synspunkter:',
    children: 'Barn:',
    childrenWithoutFnr: 'Barn uten fødselsnummer:',
    guardians: 'Foresatte:',
    extraGuardians: 'Flere foresatte (utover de to feltene i meldingen):',
    interpreter: 'Behov for tolk:',
    otherAgencies: 'Andre hjelpeinstanser:',
    reporter: 'Melder:',
    attachments: 'Vedlegg:',
    duty: 'Opplysningsplikt (barnevernsloven § 13-2):',
    consent: 'Samtykke:',
  },
  labels: {
    fnr: 'Fødselsnummer',
    birthDate: 'Fødselsdato',
    estimatedAge: 'Antatt alder',
    ageAtSubmission: 'Alder ved innsending',
    unborn: 'Ufødt',
    dueDate: 'termin',
    dueDateUnknown: 'termin ikke oppgitt',
    informed: 'Orientert om meldingen',
    notInformedReason: 'Grunn',
    phone: 'Telefon',
    address: 'Adresse',
    relation: 'Relasjon til barnet',
    years: 'år',
  },
  noGuardiansGiven: 'Melder har ikke oppgitt foresatte.',
  reporterPhoneNotStructured: 'Telefonnummer oppgitt av melder',
  keepIdentityFromFamily: {
    yes: 'Melder ønsker at identiteten ikke blir kjent for familien.',
    no: 'Melder har ikke bedt om at identiteten holdes skjult for familien.',
  },
  duty: {
    triggered: 'Melder mener opplysningsplikten er utløst fordi det er grunn til å tro at:',
    notTriggered: 'Melder mener opplysningsplikten ikke er utløst. Meldingen er sendt med samtykke.',
    consentMissing: 'Samtykke er ikke registrert.',
    grounds: {
      mistreatedAtHome: 'barnet blir eller vil bli mishandlet i hjemmet',
      seriousNeglect: 'det foreligger andre former for alvorlig omsorgssvikt',
      untreatedIllness:
        'barnet har en livstruende eller annen alvorlig sykdom eller skade og kommer ikke til undersøkelse eller behandling',
      disabledNeedsNotMet:
        'barnet har nedsatt funksjonsevne eller er spesielt hjelpetrengende og får ikke dekket sitt særlige behov for behandling eller opplæring',
      seriousBehaviour:
        'barnet viser alvorlige atferdsvansker (alvorlig eller gjentatt kriminalitet, problematisk bruk av rusmidler eller annen utpreget normløs atferd)',
      humanTrafficking: 'barnet blir utnyttet til menneskehandel',
    } satisfies Record<DutyGround, string>,
  },
  consent: {
    parentsConsented: 'Foreldrene har samtykket til meldingen og innholdet',
    childOver15: 'Barn over 15 år har samtykket',
    notApplicable: 'Ikke aktuelt',
    consentDate: 'Dato for samtykke',
    howRecorded: 'Slik ble samtykket innhentet og dokumentert',
  },
} as const;
