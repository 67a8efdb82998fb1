// The shape of a standards framework file. Everything the rating engine needs (bands, rounding,
// points, overall bands, which standards are rated, limiting rules) is data described here.
import { z } from 'zod';

const itemId = z.string().regex(/^\d+(\.\d+)*[a-z]?$/, 'must look like 2.2, 2.2.1 or 2.2.1a');

export const ConditionSchema = z.strictObject({
  attribute: z.string().min(1),
  equals: z.string().min(1),
});

export const PromptSchema = z.strictObject({
  id: itemId,
  text: z.string().min(1),
  diversity: z.boolean().optional(),
  appliesWhen: ConditionSchema.optional(),
});

export const KeyQuestionSchema = z.strictObject({
  id: itemId,
  text: z.string().min(1),
  appliesWhen: ConditionSchema.optional(),
  prompts: z.array(PromptSchema).min(1),
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
  assessedBy: AssessedBySchema,
  appliesWhen: ConditionSchema.optional(),
  appliesWhenNote: z.string().optional(),
  keyQuestions: z.array(KeyQuestionSchema).min(1),
});

export const CaseAttributeSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case'),
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

export const StandardTreatmentSchema = z.enum(['rated', 'reported-unrated', 'national-only']);

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

export const FrameworkSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  version: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1),
  source: z.strictObject({ document: z.string(), published: z.string(), licence: z.string() }),
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
