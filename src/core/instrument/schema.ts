/**
 * The instrument file format, as a zod schema. This is the single definition of what an
 * instrument file may contain; `docs/instrument-format.md` explains it for authors.
 * Structural checks live here; cross-references (an item id used by a measure exists, a
 * condition only looks at earlier items, …) are checked in `compile.ts`.
 */
import { z } from 'zod';
import { panelSchema } from '../panel/schema.ts';

/** Reserved answer tokens for "don't know" / "not relevant": they count as missing. */
export const MISSING_TOKENS = ['dont_know', 'not_relevant'] as const;
export type MissingToken = (typeof MISSING_TOKENS)[number];

const ID = /^[a-z][a-zA-Z0-9_-]*(\.[a-z][a-zA-Z0-9_-]*)*$/;
const idSchema = z.string().regex(ID, 'must be a dotted identifier such as "how.data.q1"');
const valueSchema = z
  .string()
  // A trailing "+" names an open band such as the age band "65+".
  .regex(/^[a-z0-9][a-z0-9_-]*\+?$/, 'must be lower-case letters, digits, "_" or "-" (and may end in "+")')
  .refine((v) => !(MISSING_TOKENS as readonly string[]).includes(v), 'is reserved for missing answers');

/** A text in Danish (required, the default) and English (optional: falls back to Danish). */
export const textSchema = z.strictObject({ da: z.string().min(1), en: z.string().min(1).optional() });
export type Text = z.infer<typeof textSchema>;

/** Scale points are keyed by their integer value ("1", "2", …) in YAML maps. */
const pointMap = z.record(z.string().regex(/^-?\d+$/, 'must be an integer scale point'), textSchema);

export const scaleSchema = z
  .strictObject({
    min: z.number().int(),
    max: z.number().int(),
    labels: pointMap,
  })
  .refine((s) => s.max > s.min, { message: 'max must be greater than min', path: ['max'] });

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({
      item: idSchema,
      equals: z.union([z.string(), z.number()]).optional(),
      in: z
        .array(z.union([z.string(), z.number()]))
        .min(1)
        .optional(),
      includes: z.string().optional(),
      atLeast: z.number().optional(),
      atMost: z.number().optional(),
      answered: z.boolean().optional(),
    }),
  ]),
);
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      item: string;
      equals?: string | number;
      in?: (string | number)[];
      includes?: string;
      atLeast?: number;
      atMost?: number;
      answered?: boolean;
    };

const itemBase = {
  id: idSchema,
  text: textSchema,
  /** A short name for reports and explanations ("Vigtighed"), where the question is too long. */
  label: textSchema.optional(),
  help: textSchema.optional(),
  required: z.boolean().default(false),
  showIf: conditionSchema.optional(),
};

const optionSchema = z.strictObject({
  value: valueSchema,
  label: textSchema,
  /**
   * The option's number (e.g. ja 1, delvist 0.5, nej 0). When every option of a single choice has
   * one, the item is numeric for measures (see scored-choice.ts); its shares stay as they are.
   */
  score: z.number().optional(),
});

export const scaleItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('scale'),
  /** Name of a scale in `scales`, or an inline scale. */
  scale: z.union([idSchema, scaleSchema]),
  /** What each level means for this item (at least the ends and the middle, by convention). */
  levels: pointMap.optional(),
  allowDontKnow: z.boolean().default(false),
  allowNotRelevant: z.boolean().default(false),
});

export const rankingItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('ranking'),
  /** Each option is answered in its own column (`answer`), holding its rank 1..n (1 = first). */
  /** `description`: a short definition shown next to the option while the respondent ranks. */
  options: z
    .array(
      z.strictObject({
        value: valueSchema,
        answer: idSchema,
        label: textSchema,
        description: textSchema.optional(),
      }),
    )
    .min(2),
  /**
   * A partial ranking: each respondent ranks up to this many options (ranks 1..maxRanked, each
   * used at most once, the others left blank). Without it, a respondent ranks all or none.
   */
  maxRanked: z.number().int().positive().optional(),
});

export const choiceItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('choice'),
  multiple: z.boolean().default(false),
  options: z.array(optionSchema).min(2),
});

export const numberItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('number'),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().default(false),
  unit: textSchema.optional(),
});

export const textItemSchema = z.strictObject({
  ...itemBase,
  type: z.literal('text'),
  maxLength: z.number().int().positive().max(20_000).default(2000),
  multiline: z.boolean().default(true),
});

export const itemSchema = z.discriminatedUnion('type', [
  scaleItemSchema,
  rankingItemSchema,
  choiceItemSchema,
  numberItemSchema,
  textItemSchema,
]);
export type ItemDef = z.infer<typeof itemSchema>;

export const sectionSchema = z.strictObject({
  id: idSchema,
  title: textSchema,
  intro: textSchema.optional(),
  showIf: conditionSchema.optional(),
  items: z.array(itemSchema).min(1),
});

/** A reference to a value: an answer id (organisation mean of an item) or a measure id. */
const refSchema = idSchema;

/** A measure is computed from items and earlier measures by exactly one operation. */
export const measureSchema = z
  .strictObject({
    id: idSchema,
    label: textSchema,
    description: textSchema.optional(),
    /** Mean of the available values (missing ones are skipped; none available: no value). */
    mean: z.array(refSchema).min(1).optional(),
    min: z.array(refSchema).min(1).optional(),
    max: z.array(refSchema).min(1).optional(),
    /** a − b; no value if either is missing. */
    difference: z.tuple([refSchema, refSchema]).optional(),
    /** Weighted mean of the available parts, if they carry at least `minCoverage` of the weight. */
    weightedMean: z
      .array(z.strictObject({ ref: refSchema, weight: z.number().positive() }))
      .min(1)
      .optional(),
    minCoverage: z.number().min(0).max(1).default(0),
    /** Linear map of the result, e.g. from [1, 5] to [0, 100]. */
    rescale: z
      .strictObject({ from: z.tuple([z.number(), z.number()]), to: z.tuple([z.number(), z.number()]) })
      .optional(),
    /** Decimal places the report shows (the JSON keeps full precision). */
    decimals: z.number().int().min(0).max(4).default(1),
  })
  .superRefine((m, ctx) => {
    const ops = (['mean', 'min', 'max', 'difference', 'weightedMean'] as const).filter(
      (k) => m[k] !== undefined,
    );
    if (ops.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a measure needs exactly one of mean, min, max, difference, weightedMean (found ${ops.length === 0 ? 'none' : ops.join(', ')})`,
      });
    }
  });
export type MeasureDef = z.infer<typeof measureSchema>;

/** One requirement of a stage: a value compared with a threshold. */
export const requirementSchema = z
  .strictObject({
    ref: refSchema,
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
    /** Only that the value can be computed (enough answers). */
    present: z.literal(true).optional(),
  })
  .refine(
    (r) => [r.atLeast, r.atMost, r.present].some((v) => v !== undefined),
    'needs atLeast, atMost or present',
  );
export type RequirementDef = z.infer<typeof requirementSchema>;

export const stageSchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  description: textSchema,
  /** All must hold (and those of every lower stage) for an organisation to be placed here. */
  requires: z.array(requirementSchema).default([]),
});

const practiceSchema = z.strictObject({ title: textSchema, text: textSchema });

export const competencySchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  description: textSchema,
  goodExample: textSchema,
  /** Measure id of the self-assessment score. */
  score: refSchema,
  /** Answer id of this competency's rank in the ranking item. */
  rank: refSchema,
  practices: z.array(practiceSchema).min(1),
});

export const domainSchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  description: textSchema,
  priority: refSchema,
  effort: refSchema,
  gap: refSchema,
  practices: z.array(practiceSchema).default([]),
});

export const recommendationSchema = z.strictObject({
  id: idSchema,
  title: textSchema,
  text: textSchema,
  nextSteps: z.array(textSchema).min(1),
  /** Competency and domain ids this recommendation helps with. */
  appliesTo: z.array(idSchema).min(1),
});

export const adviceSchema = z.strictObject({
  /** A competency is advised when importance × shortfall reaches this (both 0..1, see docs). */
  minCompetencyUrgency: z.number().min(0).max(1),
  /** Importance used when a competency has no ranking. */
  importanceWhenUnranked: z.number().min(0).max(1).default(0.5),
  /**
   * Importance of the competency ranked last; the first gets 1 and the others lie evenly in
   * between. Above 0, so that a competency every leader ranks last can still be advised when
   * it scores low enough.
   */
  minImportance: z.number().gt(0).max(1).default(0.25),
  /** A domain is advised when priority − effort reaches this. */
  minDomainGap: z.number(),
});

export const benchmarkSchema = z.strictObject({
  /** Values compared with peers (answer ids or measure ids). */
  refs: z.array(refSchema).min(1),
  /** The "most similar organisations" groups hold at least this many organisations (and k). */
  similarGroupSize: z.number().int().min(3).default(10),
  /** The best-practice group: organisations in the top share by this value. */
  bestPractice: z.strictObject({ ref: refSchema, topShare: z.number().gt(0).lt(1) }),
});

const SECTOR_IDS = ['stat', 'region', 'kommune', 'andet'] as const;
const codeSchema = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be lower-case letters, digits, "_" or "-"');

/**
 * The attributes peer groups are formed from: which organisation types each sector has, and
 * how an organisation's size (inhabitants or full-time equivalents) gives its size band. Kept
 * here, as data, so that thresholds change with the instrument and never in code.
 */
export const organisationRulesSchema = z.strictObject({
  /** The valid `type` codes per sector; a sector not listed takes no type. */
  types: z.partialRecord(z.enum(SECTOR_IDS), z.array(codeSchema).min(1)).default({}),
  /** Per sector: what size counts and the bands, smallest first; each but the last has `below`. */
  sizeBands: z
    .partialRecord(
      z.enum(SECTOR_IDS),
      z
        .strictObject({
          unit: z.enum(['inhabitants', 'fte']),
          bands: z.array(z.strictObject({ id: codeSchema, below: z.number().positive().optional() })).min(2),
        })
        .refine(
          (s) =>
            s.bands.every((b, i) =>
              i === s.bands.length - 1 ? b.below === undefined : b.below !== undefined,
            ) &&
            s.bands.every((b, i) => i === 0 || b.below === undefined || b.below > s.bands[i - 1]!.below!) &&
            new Set(s.bands.map((b) => b.id)).size === s.bands.length,
          {
            message:
              'bands need distinct ids and increasing "below" limits on every band but the last, which has none',
          },
        ),
    )
    .default({}),
});
export type OrganisationRules = z.infer<typeof organisationRulesSchema>;

/**
 * A group of respondents, by their own answers (e.g. business leaders: `profile.role` in
 * topleder, forretning). Groups may overlap; a comparison sets two of them side by side.
 */
export const respondentGroupSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a simple identifier such as "business"'),
  label: textSchema,
  where: conditionSchema,
});
export type RespondentGroupDef = z.infer<typeof respondentGroupSchema>;

/** Two respondent groups compared: where their means differ by at least the thresholds. */
export const comparisonSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a simple identifier such as "business-it"'),
    label: textSchema.optional(),
    groups: z.tuple([z.string(), z.string()]),
    /** Flag a scale item or measure whose group means differ by at least this many points. */
    pointThreshold: z.number().positive(),
    /** Flag a ranked option whose mean ranks differ by at least this many places. */
    rankThreshold: z.number().positive(),
  })
  .refine((c) => c.groups[0] !== c.groups[1], { message: 'compares a group with itself', path: ['groups'] });
export type ComparisonDef = z.infer<typeof comparisonSchema>;

/** The older form of one comparison (business vs IT); still read, so stored instruments keep working. */
export const divergenceSchema = z.strictObject({
  /** The choice item that splits respondents into groups. */
  groupItem: idSchema,
  groups: z.strictObject({
    business: z.array(valueSchema).min(1),
    it: z.array(valueSchema).min(1),
  }),
  /** Flag a scale item or measure whose group means differ by at least this many points. */
  pointThreshold: z.number().positive(),
  /** Flag a ranked option whose mean ranks differ by at least this many places. */
  rankThreshold: z.number().positive(),
});

/**
 * The sector figures tree. A leaf is a value reference (mean over organisations), or
 * `{ distribution: ref }` (organisations counted by their rounded value), or
 * `{ stageCounts: true }`. Any other object nests.
 */
export type SectorNode =
  string | { distribution: string } | { stageCounts: true } | { [key: string]: SectorNode };
const sectorNodeSchema: z.ZodType<SectorNode> = z.lazy(() =>
  z.union([
    refSchema,
    z.strictObject({ distribution: refSchema }),
    z.strictObject({ stageCounts: z.literal(true) }),
    z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), sectorNodeSchema),
  ]),
);

/** A means table: a value reference, or keys (rows, then columns) down to references. */
export type MeansShape = string | { [key: string]: MeansShape };
const meansShapeSchema: z.ZodType<MeansShape> = z.lazy(() =>
  z.union([refSchema, z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), meansShapeSchema)]),
);

const figureKeySchema = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'must be a key such as "importance" (letters, digits, "_")');

export const FIGURE_KINDS = [
  'distribution',
  'stages',
  'means',
  'shares',
  'quantiles',
  'sums',
  'ratio',
  'ranking',
  'compare',
] as const;
/**
 * One figure of the round: a table of the sector report, a key of the sector figures' JSON,
 * rows of the open data. Exactly one of the kinds; see docs/instrument-format.md.
 */
export const figureSchema = z
  .strictObject({
    id: figureKeySchema,
    title: textSchema.optional(),
    intro: textSchema.optional(),
    /** Row and column labels of a means table, by key (default: the labels of what they refer to). */
    labels: z.record(z.string(), textSchema).optional(),
    /** Organisations counted by their value rounded half up (a scale item or a measure). */
    distribution: refSchema.optional(),
    /** Organisations counted by stage. */
    stages: z.literal(true).optional(),
    /** Means over organisations, in the shape given. */
    means: meansShapeSchema.optional(),
    /** Shares of each option of choice items (organisation mean first). */
    shares: z.array(idSchema).min(1).optional(),
    /** Median and quartiles over organisations (bands in small groups). */
    quantiles: z.array(refSchema).min(1).optional(),
    /** Sums over organisations of number items (each organisation's mean). */
    sums: z.array(idSchema).min(1).optional(),
    /** Σ numerator ÷ Σ denominator over organisations. */
    ratio: z.strictObject({ numerator: idSchema, denominator: idSchema }).optional(),
    /** Each option's place in a ranking item: by share who ranked it, then by mean rank. */
    ranking: idSchema.optional(),
    /** Count respondents rather than organisations (partial rankings, as the panels do). */
    per: z.enum(['organisation', 'respondent']).default('organisation'),
    /** Respondent groups to show side by side (respondent-level rankings). */
    groups: z.array(z.string()).min(1).optional(),
    /** A declared comparison of two respondent groups, across the round. */
    compare: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    const kinds = FIGURE_KINDS.filter((k) => f[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a figure needs exactly one of ${FIGURE_KINDS.join(', ')} (found ${kinds.length === 0 ? 'none' : kinds.join(', ')})`,
      });
    }
  });
export type FigureKind = (typeof FIGURE_KINDS)[number];
export type FigureDef = z.infer<typeof figureSchema>;

/**
 * A published figure from elsewhere (a study, last year's national survey), shown beside the
 * round's own: a mean, a count of organisations in some categories, or a place in an order.
 */
export const referenceValueSchema = z
  .strictObject({
    /** The figure id, and inside a means table the key path (e.g. [services, priority]). */
    figure: figureKeySchema,
    path: z.array(z.string()).default([]),
    value: z.number().optional(),
    /** Categories counted together (e.g. importance 4 and 5), and how many organisations. */
    categories: z.array(z.string()).min(1).optional(),
    count: z.number().int().min(0).optional(),
    place: z.number().int().positive().optional(),
  })
  .refine((r) => [r.value, r.count, r.place].filter((v) => v !== undefined).length === 1, {
    message: 'a reference value needs exactly one of value, count (with categories) or place',
  })
  .refine((r) => (r.count === undefined) === (r.categories === undefined), {
    message: 'count and categories go together',
  });
export type ReferenceValueDef = z.infer<typeof referenceValueSchema>;

export const referenceSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a simple identifier such as "study-2018"'),
  label: textSchema,
  source: textSchema,
  /** How many organisations the reference figures come from. */
  organisations: z.number().int().positive(),
  values: z.array(referenceValueSchema).min(1),
});
export type ReferenceDef = z.infer<typeof referenceSchema>;

/**
 * A flag: an organisation is flagged when one of its respondents chose one of `in` for the
 * (single) choice item `item` — e.g. no named owner. See src/core/flags/flags.ts.
 */
export const flagSchema = z.strictObject({
  id: idSchema,
  label: textSchema,
  /** What the flag means, in plain words, for the organisation's report. */
  text: textSchema,
  item: idSchema,
  in: z.array(valueSchema).min(1),
});
export type FlagDef = z.infer<typeof flagSchema>;

/**
 * Advice of another instrument that this instrument's result follows up (the security
 * triangle follows up dt-offentlig's recommendation on IT and data security): where that advice
 * is given and the organisation has a result of this instrument, the advice points to it.
 */
export const relatedAdviceSchema = z.strictObject({
  /** The instrument whose advice this follows up. */
  instrument: idSchema,
  /** Its recommendation ids (at least one). */
  recommendations: z.array(idSchema).min(1),
});
export type RelatedAdviceDef = z.infer<typeof relatedAdviceSchema>;

/**
 * An organisation's checklist (e.g. the security triangle's follow-up list, the strategic
 * questions' actions): groups of status items, each group with an optional owner item, a
 * measure (readiness, state) and a flag; items with an optional free-text companion (evidence,
 * kept in the organisation). `nextSteps` picks the items still at `status` in the `groups`
 * weakest groups by their measure. Built by src/core/checklists/build.ts.
 */
export const checklistSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a simple identifier such as "followUp"'),
  title: textSchema,
  intro: textSchema.optional(),
  /** The status the organisation is aiming for (e.g. ja, gjort): the rest is still open. */
  done: z.array(valueSchema).min(1),
  groups: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/),
        label: textSchema,
        owner: idSchema.optional(),
        measure: refSchema.optional(),
        flag: idSchema.optional(),
        note: idSchema.optional(),
        items: z.array(z.strictObject({ item: idSchema, evidence: idSchema.optional() })).min(1),
      }),
    )
    .min(1),
  nextSteps: z.strictObject({ status: valueSchema, groups: z.number().int().positive() }).optional(),
});
export type ChecklistDef = z.infer<typeof checklistSchema>;

/**
 * Advice an organisation gets from its own answers (the panels, which have no competencies to
 * advise on): shown when the organisation's value of `when.ref` — a numeric answer's or a
 * measure's mean, or `item=option`, the share (0–1) of its respondents who chose the option —
 * is at least / at most the limit. Built by src/core/advice/profile-advice.ts.
 */
export const profileAdviceSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a simple identifier such as "strategy"'),
  title: textSchema,
  text: textSchema,
  when: z
    .strictObject({ ref: z.string().min(1), atLeast: z.number().optional(), atMost: z.number().optional() })
    .refine((w) => (w.atLeast === undefined) !== (w.atMost === undefined), {
      message: 'needs exactly one of atLeast or atMost',
    }),
});
export type ProfileAdviceDef = z.infer<typeof profileAdviceSchema>;

export const instrumentSchema = z.strictObject({
  format: z.literal('pejling-instrument/1'),
  id: idSchema,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version such as 1.0.0'),
  title: textSchema,
  description: textSchema,
  /** Where the model and its facts come from. */
  source: textSchema,
  /** Roughly how long answering takes, shown on the survey's intro page. */
  minutes: z.number().int().positive(),
  scales: z.record(idSchema, scaleSchema).default({}),
  sections: z.array(sectionSchema).min(1),
  measures: z.array(measureSchema).default([]),
  /** Measure id of the overall maturity index (0–100). */
  index: refSchema.optional(),
  stages: z.array(stageSchema).default([]),
  competencies: z.array(competencySchema).default([]),
  domains: z.array(domainSchema).default([]),
  recommendations: z.array(recommendationSchema).default([]),
  advice: adviceSchema.optional(),
  /** Groups of respondents, by their answers. */
  respondentGroups: z.array(respondentGroupSchema).default([]),
  /** Pairs of respondent groups compared in every organisation's report and across the round. */
  comparisons: z.array(comparisonSchema).default([]),
  /** The older form of one comparison (read for stored instruments; write `comparisons`). */
  divergence: divergenceSchema.optional(),
  benchmark: benchmarkSchema.optional(),
  /** The sector codes of the exchange format's `sector` column (default: stat, region, kommune, andet). */
  sectors: z.array(codeSchema).min(1).optional(),
  /** Organisation types and size bands, for peer groups (see organisationRulesSchema). */
  organisations: organisationRulesSchema.optional(),
  /** The round's figures: the sector report, its JSON, the open data. */
  figures: z.array(figureSchema).optional(),
  /** The older form of the figures' JSON shape (read for stored instruments; write `figures`). */
  sectorFigures: z.record(z.string(), sectorNodeSchema).optional(),
  /** Published figures from elsewhere, shown beside the round's. */
  references: z.array(referenceSchema).default([]),
  /** The sector figures' JSON repeats every figure per sector (`bySector`), where the release shows it. */
  bySector: z.boolean().default(false),
  /** Respondents are individuals with weights, in no organisation (a citizen panel): src/core/panel. */
  panel: panelSchema.optional(),
  /** Warnings raised by answers (e.g. no named owner); each is a value of 0/1 per organisation. */
  flags: z.array(flagSchema).default([]),
  /** The organisation's checklists (follow-up, actions), from its own answers only. */
  checklists: z.array(checklistSchema).default([]),
  /** Advice of other instruments whose follow-up this instrument is (src/core/overview/related.ts). */
  relatedAdvice: z.array(relatedAdviceSchema).default([]),
  /** Advice from the organisation's own values (see profileAdviceSchema). */
  profileAdvice: z.array(profileAdviceSchema).default([]),
});
export type InstrumentDef = z.infer<typeof instrumentSchema>;
