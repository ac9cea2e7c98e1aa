/**
 * Deterministic synthetic rounds of the two IT i praksis panels, generated so that the headline
 * figures land near those the seed (000, IT i praksis 2017-18) reports: business leaders put
 * customer service 3rd and IT leaders 12th, talent 4th vs 14th, outside inspiration 17th vs
 * last; half of public organisations name legislation as a barrier; 53 % have no competence
 * strategy; 64 % use RPA; 38 % of public organisations go digital wherever possible. Citizens:
 * 19 % accept all-digital contact, about one in ten automatic decisions, 59 / 16 / 15 % prefer
 * flexibility / speed / uniform treatment, 77 % find coherence across authorities poor.
 * Pure: the same seed gives the same data. Listed in docs/it-i-praksis.md.
 */
import type { OrganisationData, RespondentData } from '../core/exchange/types.ts';
import type { AnswerValue } from '../core/instrument/types.ts';
import type { PanelRespondent } from '../core/panel/schema.ts';
import { seededRandom, type Random } from './random.ts';

/** Each group's order of the focus areas, most wanted first (the seed's places where it names them). */
const BUSINESS_ORDER = [
  'kundefokus', 'effektivisering', 'kundeservice', 'talent', 'digitale-produkter', 'strategi',
  'data-indsigt', 'innovation', 'automatisering', 'kompetencer', 'omkostninger', 'samspil', 'sikkerhed',
  'agil', 'partnere', 'cloud', 'inspiration', 'legacy', 'databeskyttelse',
]; // prettier-ignore
/**
 * Business leaders of best-practice organisations (the top quarter by digital practice) put
 * talent higher: the seed's "3rd for best-practice CEOs".
 */
const BEST_BUSINESS_ORDER = [
  'kundefokus', 'effektivisering', 'talent', 'kundeservice', 'digitale-produkter', 'strategi',
  'data-indsigt', 'innovation', 'automatisering', 'kompetencer', 'omkostninger', 'samspil', 'sikkerhed',
  'agil', 'partnere', 'cloud', 'inspiration', 'legacy', 'databeskyttelse',
]; // prettier-ignore
const IT_ORDER = [
  'sikkerhed', 'effektivisering', 'legacy', 'cloud', 'automatisering', 'data-indsigt', 'databeskyttelse',
  'samspil', 'strategi', 'kundefokus', 'agil', 'kundeservice', 'talent', 'digitale-produkter',
  'innovation', 'omkostninger', 'kompetencer', 'partnere', 'inspiration',
]; // prettier-ignore
const TECH = ['rpa', 'ai', 'chatbot', 'iot', 'cloud', 'droner', 'sikkerhed-sd', 'velfaerdsrobotter'];
/** Share in use, planned (public organisations; the seed's figures where it gives them). */
const TECH_USE: Record<string, [number, number]> = {
  rpa: [0.64, 0.2],
  ai: [0.15, 0.35],
  chatbot: [0.2, 0.3],
  iot: [0.35, 0.25],
  cloud: [0.6, 0.2],
  droner: [0.53, 0.1],
  'sikkerhed-sd': [0.24, 0.3],
  velfaerdsrobotter: [0.23, 0.2],
};
const SECTORS: [string, number][] = [
  ['kommune', 0.35],
  ['stat', 0.2],
  ['region', 0.05],
  ['andet', 0.05],
  ['privat', 0.35],
];

function weighted<T extends string>(random: Random, options: readonly [T, number][]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let u = random.next() * total;
  for (const [o, w] of options) if ((u -= w) < 0) return o;
  return options[options.length - 1]![0];
}

/** Up to five areas, drawn in turn by weight (Plackett–Luce): earlier in the order, likelier. */
function focusRanks(random: Random, order: readonly string[]): Record<string, AnswerValue> {
  if (random.chance(0.04)) return {}; // some leaders rank nothing
  const left = order.map((a, i) => [a, Math.pow(0.84, i)] as [string, number]);
  const out: Record<string, AnswerValue> = {};
  const count = random.chance(0.85) ? 5 : random.int(1, 4);
  for (let rank = 1; rank <= count; rank++) {
    const pick = weighted(random, left);
    out[`focus.${pick}`] = rank;
    left.splice(
      left.findIndex(([a]) => a === pick),
      1,
    );
  }
  return out;
}

/** The organisation panel `npm start` seeds: a seed whose figures hit the seed's places (docs/it-i-praksis.md). */
export const IT_I_PRAKSIS_DEMO = { organisations: 400, seed: 2036 } as const;

export function generateItIPraksisRound(organisations: number, seed: number): OrganisationData[] {
  const random = seededRandom(seed);
  const out: OrganisationData[] = [];
  for (let o = 0; o < organisations; o++) {
    const sector = weighted(random, SECTORS);
    const isPublic = sector !== 'privat';
    // About a quarter practise digitalisation well: they answer the three practice items high
    // (the instrument's `practice` measure, whose top quarter is its best-practice group).
    const best = random.chance(0.25);
    const roles = ['topleder', 'it', ...(random.chance(0.3) ? ['forretning'] : [])];
    const respondents: RespondentData[] = roles.map((role, i) => {
      const a: Record<string, AnswerValue> = { 'profile.role': role };
      Object.assign(
        a,
        focusRanks(random, role === 'it' ? IT_ORDER : best ? BEST_BUSINESS_ORDER : BUSINESS_ORDER),
      );
      for (const t of TECH) {
        const [use, plan] = TECH_USE[t]!;
        const u = random.next();
        a[`tech.${t}`] = u < use ? 'bruger' : u < use + plan ? 'planlaegger' : 'nej';
      }
      // 16 % agree overall that competences match (0.25 × 0.45 + 0.75 × 0.06)
      a['competence.match'] = random.chance(best ? 0.45 : 0.06) ? random.int(4, 5) : random.int(1, 3);
      a['competence.strategy'] = weighted(random, [
        ['nej', 0.53],
        ['ja', 0.3],
        ['under-udarbejdelse', 0.17],
      ]);
      const barriers = [
        ['lovgivning', isPublic ? 0.47 : 0.25],
        ['kompetencer', 0.4],
        ['budget', 0.45],
        ['kultur', 0.3],
        ['legacy', 0.35],
        ['sikkerhed', 0.2],
        ['datadeling', 0.25],
        ['andet', 0.05],
      ] as const;
      const chosen = barriers.filter(([, p]) => random.chance(p)).map(([b]) => b);
      if (chosen.length > 0) a.barriers = chosen;
      if (chosen.includes('lovgivning')) {
        const laws = [
          ['persondataloven', 0.37],
          ['forvaltningsloven', 0.29],
          ['offentlighedsloven', 0.1],
          ['sektorlovgivning', 0.2],
        ] as const;
        const picked = laws.filter(([, p]) => random.chance(p)).map(([l]) => l);
        a['barriers.laws'] = picked.length > 0 ? picked : ['andet'];
      }
      a['interaction.trend'] = weighted(random, [
        ['stigende', isPublic ? 0.86 : 0.92],
        ['uaendret', 0.1],
        ['faldende', 0.02],
      ]);
      a['insight.customers'] = random.chance(best ? 0.3 : isPublic ? 0.03 : 0.09)
        ? random.int(4, 5)
        : random.int(1, 3);
      a['innovation.external'] = random.chance(0.17) ? 'ja' : 'nej';
      a['development.involvement'] = weighted(random, [
        ['hele-forloebet', 0.1],
        ['enkelte-faser', 0.55],
        ['nej', 0.35],
      ]);
      a['channel.strategy'] = weighted(random, [
        ['digital-overalt', 0.38],
        ['balance', 0.48],
        ['kanalvalg', 0.1],
        ['andet', 0.04],
      ]);
      // 57 % say they can comply with data protection rules (0.25 × 0.9 + 0.75 × 0.46)
      a['gdpr.capacity'] = random.chance(best ? 0.9 : 0.46) ? random.int(4, 5) : random.int(1, 3);
      return { id: `r${i + 1}`, answers: a };
    });
    out.push({ name: `Panelorganisation ${String(o + 1).padStart(3, '0')}`, sector, respondents });
  }
  return out;
}

const AGES: [string, number][] = [
  ['18-29', 0.2],
  ['30-49', 0.33],
  ['50-64', 0.25],
  ['65+', 0.22],
];
const REGIONS: [string, number][] = [
  ['hovedstaden', 0.31],
  ['sjaelland', 0.14],
  ['syddanmark', 0.21],
  ['midtjylland', 0.23],
  ['nordjylland', 0.11],
];

/** An agreement answer 1–5 that agrees (4–5) with probability p, disagrees (1–2) with q. */
function agreement(random: Random, p: number, q: number): number {
  const u = random.next();
  return u < p ? random.int(4, 5) : u < p + q ? random.int(1, 2) : 3;
}

export function generateCitizenPanel(respondents: number, seed: number): PanelRespondent[] {
  const random = seededRandom(seed);
  return Array.from({ length: respondents }, (_, i) => {
    const age = weighted(random, AGES);
    const old = age === '65+';
    const answers: Record<string, AnswerValue> = {
      'bg.age': age,
      'bg.region': weighted(random, REGIONS),
      'channel.choose': agreement(random, 0.7, 0.1),
      'digital.default': agreement(random, 0.55, 0.25),
      'digital.all': agreement(random, old ? 0.08 : 0.22, old ? 0.8 : 0.6),
      'automated.decisions': agreement(random, 0.1, 0.75),
      'human.involved': agreement(random, 0.8, 0.05),
      coherence: agreement(random, 0.1, 0.77),
    };
    if (!random.chance(0.01))
      answers.priority = weighted(random, [
        ['fleksibilitet', 0.59],
        ['hurtighed', 0.16],
        ['ensartethed', 0.15],
        ['ved-ikke', 0.1],
      ]);
    // Survey weights as a panel provider delivers them: around 1, rarely far from it.
    const weight = Math.round(Math.min(3, Math.max(0.3, Math.exp(0.15 * random.normal()))) * 1000) / 1000;
    return { id: `b${String(i + 1).padStart(4, '0')}`, weight, answers };
  });
}
