/**
 * Deterministic synthetic rounds for the demo and the benchmarks. Pure: a seed and a size
 * in, organisations with plausible answers out. Answers follow a latent maturity per
 * organisation, so stages, peer groups and advice look like a real round; IT leaders rank
 * data and methods higher than business leaders do (as the annual surveys report).
 */
import type { OrganisationData, RespondentData, Sector } from '../core/exchange/types.ts';
import type { AnswerValue, Instrument } from '../core/instrument/types.ts';
import { organisationRules, sizeBandOf } from '../core/organisations/attributes.ts';
import { seededRandom, type Random } from './random.ts';

export interface DemoOrganisation extends OrganisationData {
  type: string;
  sizeBand: 'small' | 'medium' | 'large';
  /**
   * Type, size (inhabitants or FTEs, inside the size band) and region, as a round stores them
   * (the demo seed sets them; kept apart from `attributes` so that importing generated data
   * elsewhere sets none).
   */
  profile: { type: string; size: number; region: string; extra: Record<string, string> };
  /** Latent maturity used to generate the answers (not stored). */
  maturity: number;
}

export interface GenerateOptions {
  organisations: number;
  /** Respondents per organisation: exact, or a range. */
  respondents: number | [number, number];
  seed: number;
  /** Seed of the answers alone: the same organisations answer again in a later round. */
  answerSeed?: number;
  /** Shift of every organisation's maturity (a later round improves a little). */
  drift?: number;
}

const TOWNS = [
  'Askeby',
  'Birkerød Nord',
  'Dalsted',
  'Egebjerg',
  'Fjordby',
  'Granhøj',
  'Havnsø',
  'Isefjord',
  'Jernløse',
  'Kløvermark',
  'Lindholm',
  'Mosegård',
  'Nørreå',
  'Obbekær',
  'Præstø Syd',
  'Rødding Vest',
  'Skovlund',
  'Tårnby Øst',
  'Ulvehøj',
  'Vesterhede',
  'Ådalen',
  'Ørbæk',
  'Æbeltoft',
  'Bakkely',
  'Engholm',
  'Frydendal',
  'Hvidsten',
  'Kærby',
  'Lyngå',
  'Strandhøj',
];
const REGIONS = ['Region Nordkyst', 'Region Midtdal', 'Region Sydfyn', 'Region Østersø', 'Region Vestegn'];
const AGENCY_TOPICS = [
  'Digital Forvaltning',
  'Vand og Miljø',
  'Arbejdsmiljø',
  'Uddannelsesdata',
  'Sundhedsregistre',
  'Velfærd',
  'Infrastruktur',
  'Kort og Geodata',
  'Borgerservice',
  'Ydelser',
  'Kultur og Fritid',
  'Erhverv og Vækst',
];

interface Kind {
  sector: Sector;
  type: string;
  bias: number;
}
const KINDS: Kind[] = [
  { sector: 'kommune', type: 'kommune', bias: -0.1 },
  { sector: 'region', type: 'region', bias: 0.1 },
  { sector: 'region', type: 'hospital', bias: 0 },
  { sector: 'stat', type: 'styrelse', bias: 0.15 },
  { sector: 'stat', type: 'ministerium', bias: 0.05 },
];

/** Seed report's order of importance of the competencies, and how IT leaders shift it. */
const COMPETENCY_WEIGHT: Record<string, { base: number; it: number }> = {
  leadership: { base: 3, it: 2 },
  clarity: { base: 2.5, it: 2 },
  methods: { base: 2, it: 2.6 },
  data: { base: 1.6, it: 3 },
  partnership: { base: 1.4, it: 1 },
  diversity: { base: 1, it: 1.4 },
  decisions: { base: 0.9, it: 1 },
};

function organisationName(index: number, kind: Kind): string {
  const round = Math.floor(index / 30);
  const suffix = round === 0 ? '' : ` ${round + 1}`;
  switch (kind.type) {
    case 'kommune':
      return `${TOWNS[index % TOWNS.length]}${suffix} Kommune`;
    case 'region':
      return `${REGIONS[index % REGIONS.length]}${index >= REGIONS.length ? ` ${Math.floor(index / REGIONS.length) + 1}` : ''}`;
    case 'hospital':
      return `${TOWNS[(index * 7) % TOWNS.length]}${suffix} Hospital`;
    default: {
      const topic = AGENCY_TOPICS[index % AGENCY_TOPICS.length];
      const n = index >= AGENCY_TOPICS.length ? ` ${Math.floor(index / AGENCY_TOPICS.length) + 1}` : '';
      return `${kind.type === 'ministerium' ? 'Ministeriet' : 'Styrelsen'} for ${topic}${n}`;
    }
  }
}

const clamp = (v: number, min: number, max: number) => Math.max(min, Math.min(max, v));

/** The five Danish regions, as geographic regions of the demo's organisations. */
const GEOGRAPHY = ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland'];

/**
 * A size inside the band under the instrument's limits, spread by the index (not drawn from
 * the sequence, so that adding sizes moved no organisation or answer of earlier demos).
 */
function sizeIn(instrument: Instrument, sector: Sector, band: string, index: number): number {
  const bands = organisationRules(instrument).sizeBands[sector as 'kommune']?.bands ?? [];
  const i = bands.findIndex((b) => b.id === band);
  const from = i > 0 ? bands[i - 1]!.below! : i === 0 ? Math.round((bands[0]!.below ?? 100) / 3) : 100;
  const below = i >= 0 ? (bands[i]!.below ?? from * 4) : from * 4;
  const size = from + ((index * 7919) % Math.max(1, below - from));
  // The band follows from the size; the generator's band must be the one the rule gives.
  return sizeBandOf(organisationRules(instrument), sector, size) === band || bands.length === 0 ? size : from;
}

export function generateRound(instrument: Instrument, options: GenerateOptions): DemoOrganisation[] {
  const rng = seededRandom(options.seed);
  // Answers draw from their own sequence, so the organisations are the same whatever the answers.
  const answerRng = seededRandom(options.answerSeed ?? options.seed + 1);
  const names = new Set<string>();
  const out: DemoOrganisation[] = [];
  for (let i = 0; i < options.organisations; i++) {
    // Kommuner are the largest group, as in Danish public administration.
    const kind = KINDS[rng.chance(0.5) ? 0 : rng.int(1, KINDS.length - 1)]!;
    let name = organisationName(i, kind);
    for (let n = 2; names.has(name); n++) name = `${organisationName(i, kind)} (${n})`;
    names.add(name);
    const sizeBand = rng.pick(['small', 'medium', 'large'] as const);
    const base = rng.normal() * 0.7 + kind.bias + (sizeBand === 'large' ? 0.15 : 0);
    const count =
      typeof options.respondents === 'number' ? options.respondents : rng.int(...options.respondents);
    const roles = Array.from({ length: count }, (_, r) => roleOf(r, rng));
    // A later round: every organisation moves a little, most of them forward.
    const maturity = options.drift === undefined ? base : base + options.drift + answerRng.normal() * 0.25;
    const respondents: RespondentData[] = roles.map((role, r) => ({
      id: `r${r + 1}`,
      answers: answersFor(instrument, answerRng, maturity, role),
    }));
    const profile = {
      type: kind.type,
      size: sizeIn(instrument, kind.sector, sizeBand, i),
      region: GEOGRAPHY[i % GEOGRAPHY.length]!,
      extra: {},
    };
    out.push({ name, sector: kind.sector, type: kind.type, sizeBand, profile, maturity, respondents });
  }
  return out;
}

/** One top executive, one IT lead, then business leaders and the odd other. */
function roleOf(index: number, rng: Random): string {
  if (index === 0) return 'topleder';
  if (index === 1) return 'it';
  return rng.chance(0.85) ? 'forretning' : 'andet';
}

function answersFor(
  instrument: Instrument,
  rng: Random,
  maturity: number,
  role: string,
): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {};
  const isIt = role === 'it';
  const rankScores: { id: string; score: number }[] = [];
  for (const [id, slot] of instrument.slotById) {
    if (slot.kind === 'choice' && id === 'profile.role') answers[id] = role;
    else if (slot.kind === 'scale') {
      if (rng.chance(0.03)) {
        if (slot.item.allowDontKnow) answers[id] = 'dont_know';
        continue;
      }
      // Priorities and importance run higher than achieved effort and self-assessment.
      const lift = /\.priority$|importance|optimise/.test(id) ? 0.9 : /portfolio/.test(id) ? -0.3 : 0;
      const optimism = isIt ? -0.15 : role === 'topleder' ? 0.2 : 0;
      const v = 3 + lift + maturity + optimism + rng.normal() * 0.6;
      answers[id] = clamp(Math.round(v), slot.scale.min, slot.scale.max);
    } else if (slot.kind === 'rank') {
      const w = COMPETENCY_WEIGHT[slot.option] ?? { base: 1, it: 1 };
      rankScores.push({ id, score: (isIt ? w.it : w.base) + rng.normal() * 0.9 });
    }
  }
  if (rankScores.length > 0 && !rng.chance(0.04)) {
    rankScores.sort((a, b) => b.score - a.score).forEach((r, i) => (answers[r.id] = i + 1));
  }
  return answers;
}
