// The shape of a standards framework file. Everything the rating engine needs (bands, rounding,
// points, overall bands, which standards are rated, limiting rules) is data described here.
import { z } from 'zod';

const itemId = z.string().regex(/^\d+(\.\d+)*[a-z]?$/, 'must look like 2.2, 2.2.1 or 2.2.1a');

export const ConditionSchema = z.strictObject({
  attribute: z.string().min(1),
  equals: z.string().min(1),
});

/**
 * Where a text's wording comes from: copied word for word from a named source, or written to stand
 * in until the inspectorate's own wording is confirmed (shown to users as such). A standard, key
 * question or prompt without one takes the file's `source`.
 */
export const ProvenanceSchema = z.strictObject({
  wording: z.enum(['verbatim', 'to-be-confirmed']),
  source: z.string().min(1),
});

export const PromptSchema = z.strictObject({
  id: itemId,
  text: z.string().min(1),
  provenance: ProvenanceSchema.optional(),
  diversity: z.boolean().optional(),
  appliesWhen: ConditionSchema.optional(),
});

export const KeyQuestionSchema = z.strictObject({
  id: itemId,
  text: z.string().min(1),
  provenance: ProvenanceSchema.optional(),
  appliesWhen: ConditionSchema.optional(),
  /** Where known: a framework may ship a key question before its prompts are confirmed. */
  prompts: z.array(PromptSchema),
});

export const AssessedBySchema = z.enum([
  'lead-inspector-judgement',
  'case-assessment',
  'case-outcomes',
  'regional-contextual-review',
]);

export const StandardSchema = z.strictObject({
  id: itemId,
  name: z.string().min(1),
  statement: z.string().min(1),
  provenance: ProvenanceSchema.optional(),
  assessedBy: AssessedBySchema,
  appliesWhen: ConditionSchema.optional(),
  appliesWhenNote: z.string().optional(),
  keyQuestions: z.array(KeyQuestionSchema).min(1),
});

/**
 * What the code asks of a case attribute by its role, never by its id: the risk level used for
 * breakdowns, the case type that decides which standards apply, the start date the sample window
 * reads. At most one attribute takes each role.
 */
export const AttributeRoleSchema = z.enum(['risk-level', 'case-type', 'start-date']);

const attributeId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case');

export const CaseAttributeSchema = z.strictObject({
  id: attributeId,
  role: AttributeRoleSchema.optional(),
  label: z.string().min(1),
  group: z.enum(['case', 'protected-characteristic', 'personal-circumstance']),
  type: z.enum(['choice', 'yes-no', 'date', 'text']),
  required: z.boolean().optional(),
  values: z.array(z.string().min(1)).optional(),
  aliases: z.record(z.string(), z.string()).optional(),
});

const BandSchema = z.strictObject({
  rating: z.string().min(1),
  minPercent: z.number().min(0).max(100),
  description: z.string().optional(),
});

const OverallBandSchema = z.strictObject({
  rating: z.string().min(1),
  minScore: z.number().int().min(0),
  maxScore: z.number().int().min(0),
});

/**
 * rated: rated and counted in the overall score; rated-separately: rated, shown, and left out of the
 * overall score; reported-unrated: figures reported without a rating; national-only: figures pooled
 * nationally, not reported for the service. Whether a standard is rated from cases or judged for
 * the service is its `assessedBy`.
 */
export const StandardTreatmentSchema = z.enum(['rated', 'rated-separately', 'reported-unrated', 'national-only']);

export const RulesSchema = z.strictObject({
  percentages: z.strictObject({
    decimals: z.number().int().min(0).max(3),
    rounding: z.enum(['half-up', 'none']),
    note: z.string().optional(),
  }),
  keyQuestionBands: z.array(BandSchema).min(2),
  standardRating: z.literal('lowest-key-question'),
  standards: z.array(
    z.strictObject({
      standard: itemId,
      treatment: StandardTreatmentSchema,
      reason: z.string().optional(),
      /** Without relevant cases the standard is not rated (and leaves the total): e.g. no custody case to resettle. */
      notRatedWithoutRelevantCases: z.boolean().optional(),
      /** What a relevant case is, in the regime's words, for the "not rated" explanation. */
      relevantCases: z.string().min(1).optional(),
    }),
  ),
  points: z.record(z.string(), z.number().int().min(0)),
  overallBands: z.strictObject({
    basis: z.string().min(1),
    bands: z.array(OverallBandSchema).min(2),
  }),
  judgements: z.array(
    z.strictObject({ id: z.string().regex(/^[a-z][a-z0-9_-]*$/), name: z.string(), description: z.string().optional() }),
  ),
  limitingRules: z.array(
    z.strictObject({
      id: z.string().min(1),
      source: z.string().optional(),
      description: z.string().min(1),
      when: z.strictObject({ judgement: z.string().min(1), rating: z.string().min(1) }),
      limit: z.strictObject({ standard: itemId, highestRating: z.string().min(1) }),
    }),
  ),
});

const Noun = z.strictObject({ singular: z.string().min(1), plural: z.string().min(1) });

/** Words the regime uses, with where they come from when that is not the file's source. */
const WordingSchema = z.strictObject({ text: z.string().min(1), provenance: ProvenanceSchema.optional() });

/** The nations an inspected service may be in (the registry records a youth justice service's). */
export const NATIONS = ['England', 'Wales'] as const;
export type Nation = (typeof NATIONS)[number];

/** An inspectorate that may inspect alongside, in the regime's words, and the nations where it does. */
const PartnerInspectorateSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  name: z.string().min(1),
  abbreviation: z.string().min(1).optional(),
  /** What it inspects on a joint inspection: "police", "health", "social care and education". */
  inspects: z.string().min(1),
  nations: z.array(z.enum(NATIONS)).min(1),
});
export type PartnerInspectorate = z.infer<typeof PartnerInspectorateSchema>;

/** Joint inspections: the partner inspectorates the regime inspects with, by nation. */
const JointInspectionSchema = z.strictObject({
  provenance: ProvenanceSchema,
  partners: z
    .array(PartnerInspectorateSchema)
    .min(1)
    .refine((p) => new Set(p.map((x) => x.id)).size === p.length, 'partner inspectorate ids must be unique'),
});
export type JointInspectionRule = z.infer<typeof JointInspectionSchema>;

/**
 * One pool of the case sample: the cases of one value of the case-type attribute, listed, counted
 * and sampled apart (youth: court and out-of-court disposals). Numbers the methodology does not
 * confirm are left out, and the note says so.
 */
export const CasePoolSchema = z.strictObject({
  /** The case-type attribute's value whose cases make up the pool. */
  caseType: z.string().min(1),
  /** The pool's name in the regime's words: "Court disposals". */
  label: z.string().min(1),
  /** The pool's window lies this many calendar months before fieldwork, when not regime.sampleWindow's. */
  monthsBeforeFieldwork: z.number().int().min(1).max(36).optional(),
  /** The fewest cases the pool's sample should hold; a statistical sample is raised to it. */
  minimum: z.number().int().min(1).optional(),
  /** The number of cases the pool's sample aims for. */
  target: z.number().int().min(1).optional(),
  /** What about the pool is still to be confirmed, shown beside it. */
  note: z.string().optional(),
});

/** What the regime is, in its own words: what it inspects, whom it serves, which cases it samples. */
export const RegimeSchema = z.strictObject({
  /** The registry's kind of organisation inspected (organisation.kind; the registry holds these two). */
  organisationKind: z.enum(['pdu', 'youth-service']),
  organisation: Noun,
  /** A new inspection's title; {organisation} is the organisation's name. */
  inspectionTitle: z.string().includes('{organisation}'),
  /** The people the service works with: "people on probation", "children". */
  people: Noun,
  /** The cases sampled began in a window this many calendar months before fieldwork starts. */
  sampleWindow: z.strictObject({ monthsBeforeFieldwork: z.number().int().min(1).max(36), note: z.string().optional() }),
  /**
   * The sample's pools, by the values of the case-type attribute, each listed (and uploadable) and
   * sampled apart; every value in exactly one pool. Absent: the caseload is one pool.
   */
  casePools: z.array(CasePoolSchema).min(2).optional(),
  /** Case attributes the national report breaks key-question figures down by, in order. */
  breakdowns: z.array(attributeId),
  /** Case attributes the sample's mix is shown by, in order. */
  sampleMix: z.array(attributeId),
  /** Case attributes a statistical sample may be stratified by. */
  stratifyBy: z.array(attributeId),
  /** The report's own words: its title ({organisation} is the organisation's name) and the cover's label for the organisation. */
  report: z.strictObject({ title: z.string().includes('{organisation}'), organisationLabel: z.string().min(1) }),
  /** The name of the lead inspector's section for the standards judged for the service and the judgements. */
  judgementsSection: z.string().min(1),
  /** Whom recommendations are addressed to at each level, as the report's headings ({organisation} is the regime's singular word for the organisation). */
  recommendationsTo: z.strictObject({ organisation: WordingSchema, region: WordingSchema, national: WordingSchema }),
  /** Whether, and with whom, the regime inspects jointly; a regime without it records no partners. */
  jointInspection: JointInspectionSchema.optional(),
});

export const FrameworkSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  version: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1),
  source: z.strictObject({
    document: z.string(),
    published: z.string(),
    licence: z.string(),
    /** The wording of every text that does not say otherwise (its own `provenance`). */
    wording: z.enum(['verbatim', 'to-be-confirmed']).optional(),
  }),
  /**
   * Earlier texts of this same version that this text replaces, by SHA-256 of the text: additions
   * that leave every rating unchanged (a test rates the same assessments under both). A stored
   * version is replaced only when its text is one listed here.
   */
  replaces: z.array(z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), note: z.string().min(1) })).optional(),
  regime: RegimeSchema,
  caseAttributes: z.array(CaseAttributeSchema),
  rules: RulesSchema,
  domains: z.array(
    z.strictObject({
      id: z.string().min(1),
      name: z.string().min(1),
      description: z.string().optional(),
      standards: z.array(StandardSchema).min(1),
    }),
  ),
  regionalStandards: z
    .strictObject({ description: z.string(), standards: z.array(StandardSchema) })
    .optional(),
  diversityPrompts: z.array(z.strictObject({ text: z.string().min(1), prompt: itemId })).optional(),
  questionnaire: z
    .strictObject({
      title: z.string(),
      introduction: z.string(),
      scale: z.array(z.string()).min(2),
      statements: z.array(
        z.strictObject({
          id: z.string().min(1),
          text: z.string().min(1),
          inspectorUseAsPrinted: z.string().nullable(),
          informs: z.array(itemId),
        }),
      ),
      freeText: z.array(z.strictObject({ id: z.string(), text: z.string() })),
      demographics: z.array(z.strictObject({ id: z.string(), text: z.string(), options: z.array(z.string()) })),
    })
    .optional(),
});

export type FrameworkDefinition = z.infer<typeof FrameworkSchema>;
export type Standard = z.infer<typeof StandardSchema>;
export type KeyQuestion = z.infer<typeof KeyQuestionSchema>;
export type Prompt = z.infer<typeof PromptSchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type CaseAttribute = z.infer<typeof CaseAttributeSchema>;
export type StandardTreatment = z.infer<typeof StandardTreatmentSchema>;
export type Rules = z.infer<typeof RulesSchema>;
export type Regime = z.infer<typeof RegimeSchema>;
export type CasePoolDefinition = z.infer<typeof CasePoolSchema>;
export type Wording = z.infer<typeof WordingSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type AttributeRole = z.infer<typeof AttributeRoleSchema>;
