/**
 * The instrument file format, as a zod schema. This is the single definition of what an
 * instrument file may contain; `docs/instrument-format.md` explains it for authors.
 * Structural checks live here; cross-references (an item id used by a measure exists, a
 * condition only looks at earlier items, …) are checked in `compile.ts`.
 */
import { z } from 'zod';

/** Reserved answer tokens for "don't know" / "not relevant": they count as missing. */
export const MISSING_TOKENS = ['dont_know', 'not_relevant'] as const;
export type MissingToken = (typeof MISSING_TOKENS)[number];

const ID = /^[a-z][a-zA-Z0-9_-]*(\.[a-z][a-zA-Z0-9_-]*)*$/;
const idSchema = z.string().regex(ID, 'must be a dotted identifier such as "how.data.q1"');
const valueSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'must be lower-case letters, digits, "_" or "-"')
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

const optionSchema = z.strictObject({ value: valueSchema, label: textSchema });

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
  options: z.array(z.strictObject({ value: valueSchema, answer: idSchema, label: textSchema })).min(2),
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
  divergence: divergenceSchema.optional(),
  benchmark: benchmarkSchema.optional(),
  sectorFigures: z.record(z.string(), sectorNodeSchema).optional(),
});
export type InstrumentDef = z.infer<typeof instrumentSchema>;
