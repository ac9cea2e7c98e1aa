/**
 * Documented solutions an organisation can adopt as a template and fill with its own numbers.
 * Data, not rules: the seed's examples (004) retold in our own words, each figure with where it
 * comes from. A template's amounts are the documented ones where the source gives one in the
 * contract's terms, and 0 where it does not (the organisation enters its own).
 */
import type { Initiative, Track } from './types.ts';

export interface LocalText {
  readonly da: string;
  readonly en: string;
}

export interface CatalogueEntry {
  readonly id: string;
  readonly title: LocalText;
  readonly summary: LocalText;
  /** The documented figures, in words. */
  readonly figures: LocalText;
  readonly source: string;
  readonly track: Track;
  readonly competency: string | null;
  readonly template: Pick<
    Initiative,
    'investmentDkk' | 'runningCostDkkPerYear' | 'expectedHoursPerYear' | 'expectedDkkPerYear'
  >;
}

const SEED_004 = 'Seed 004 (KITA, the municipal IT chiefs’ magazine)';

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'skaermbesoeg',
    title: { da: 'Skærmbesøg i hjemmeplejen', en: 'Screen visits in home care' },
    summary: {
      da: 'Nogle planlagte besøg hos borgeren foregår over video i stedet for fysisk. Det frigør tid til de besøg, der kræver fremmøde.',
      en: 'Some planned visits to citizens happen by video instead of in person, freeing time for the visits that need someone there.',
    },
    figures: {
      da: 'Vejle: i snit 223 besøg om ugen flyttet til skærm, hvert ca. 5,3 minutter kortere; ca. 1 mio. kr. om året ≈ 2,4 årsværk (ca. 40 borgere, to distrikter).',
      en: 'Vejle: on average 223 visits a week moved to screen, each about 5.3 minutes shorter; about DKK 1 million a year ≈ 2.4 FTE (about 40 citizens, two districts).',
    },
    source: `${SEED_004}, “Skærmbesøg”`,
    track: 'skal-loesninger',
    competency: 'methods',
    template: {
      investmentDkk: 0,
      runningCostDkkPerYear: 0,
      expectedHoursPerYear: 0,
      expectedDkkPerYear: 1_000_000,
    },
  },
  {
    id: 'digitale-noegler',
    title: { da: 'Digitale nøgler i hjemmeplejen', en: 'Digital keys in home care' },
    summary: {
      da: 'En app-styret lås giver medarbejderne adgang til borgerens hjem uden fysiske nøgler, der skal hentes, afleveres og administreres.',
      en: 'An app-controlled lock lets staff into the citizen’s home without physical keys to fetch, return and administer.',
    },
    figures: {
      da: 'I brug i hjemmeplejen i 31 kommuner; angiveligt et til to besøg mere pr. medarbejder om dagen, og mindre nøgleadministration.',
      en: 'In use in home care in 31 municipalities; reportedly one or two more visits per carer a day, and less key administration.',
    },
    source: `${SEED_004}, “Digitale nøgler”`,
    track: 'skal-loesninger',
    competency: 'methods',
    template: { investmentDkk: 0, runningCostDkkPerYear: 0, expectedHoursPerYear: 0, expectedDkkPerYear: 0 },
  },
  {
    id: 'vejviserskaerm',
    title: { da: 'Vejviserskærm på plejehjem', en: 'Wayfinding screen in a care home' },
    summary: {
      da: 'Besøgende slår beboerens navn op på en skærm ved indgangen. Gevinsten kommer først, når personalet viser gæsterne hen til skærmen i stedet for til beboeren — og den skal skrives ind i budgettet på forhånd.',
      en: 'Visitors look up a resident on a screen at the entrance. The gain only comes once staff send visitors to the screen rather than walking them to the resident — and it must be written into the budget up front.',
    },
    figures: {
      da: 'Viborg: i princippet 20 timer om ugen for personalet (ca. 1.040 timer om året).',
      en: 'Viborg: in principle 20 staff hours a week (about 1,040 hours a year).',
    },
    source: `${SEED_004}, the Viborg care home example`,
    track: 'skal-udfordringer',
    competency: 'leadership',
    template: {
      investmentDkk: 0,
      runningCostDkkPerYear: 0,
      expectedHoursPerYear: 1040,
      expectedDkkPerYear: 0,
    },
  },
  {
    id: 'genoptraening-fast-track',
    title: {
      da: 'Selvbetjening til genoptræning, bygget hurtigt',
      en: 'A rehabilitation self-service site, built fast',
    },
    summary: {
      da: 'Et lille tværfagligt hold (udviklere, jurister, fagfolk) byggede løsningen i korte runder med brugernes feedback undervejs.',
      en: 'A small cross-disciplinary team (developers, lawyers, practitioners) built the site in short rounds with users’ feedback along the way.',
    },
    figures: {
      da: 'Fra efteråret 2018 til februar 2019; 15 mio. kr. afsat til etablering og 5 mio. kr. til årlig drift, men under 5 mio. kr. brugt på it-løsningen i alt.',
      en: 'From autumn 2018 to February 2019; DKK 15 million set aside to build it and DKK 5 million a year to run it, yet under DKK 5 million spent on the IT solution in all.',
    },
    source: `${SEED_004}, mingenoptræning.dk and Fast Track Development`,
    track: 'forudsaetninger',
    competency: 'methods',
    template: {
      investmentDkk: 5_000_000,
      runningCostDkkPerYear: 0,
      expectedHoursPerYear: 0,
      expectedDkkPerYear: 0,
    },
  },
];

/** An initiative from a catalogue entry: an idea of the organisation's, its numbers to fill in. */
export function adoptTemplate(
  entry: CatalogueEntry,
  organisation: string,
  start: string,
  language: 'da' | 'en' = 'da',
): Initiative {
  return {
    organisation,
    initiative: entry.title[language],
    track: entry.track,
    owner: null,
    status: 'ide',
    competency: entry.competency,
    start,
    ...entry.template,
    gainsBooked: false,
    budgetYear: null,
  };
}
