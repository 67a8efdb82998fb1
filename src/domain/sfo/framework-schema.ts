// The shape of a Serious Further Offence (SFO) review framework file: four standards rated on the
// four-point scale, an overall rating that is the inspector's judgement, and the rules that flag an
// overall rating at odds with the standards. Unlike the case-based framework there are no cases
// and no percentages. Every text says where it comes from: verbatim from a named source, or to be
// confirmed against the inspectorate's own (unpublished) key questions and characteristics.
import { z } from 'zod';

const sourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');

/** Where a text comes from; shown with the text to every user. */
export const ProvenanceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('verbatim'),
    /** One of the file's `sources`. */
    source: sourceId,
    note: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('to-be-confirmed'),
    /** What the wording rests on, e.g. the published aim it was written from. */
    basis: z.string().min(1),
    source: sourceId.optional(),
  }),
]);

export const SfoTextSchema = z.strictObject({
  text: z.string().trim().min(1),
  provenance: ProvenanceSchema,
});

const standardId = z.string().regex(/^\d+$/, 'must be a whole number, e.g. 1');
const questionId = z.string().regex(/^\d+\.\d+$/, 'must look like 1.2');
const rating = z.string().min(1);

/** Counts standards whose rating lies in a range of the scale (inclusive). */
const StandardsConditionSchema = z
  .strictObject({
    ratedAtLeast: rating.optional(),
    ratedAtMost: rating.optional(),
    /** At least this many standards in the range, or every standard ('all'). */
    count: z.union([z.number().int().min(0), z.literal('all')]),
  })
  .refine((c) => c.ratedAtLeast !== undefined || c.ratedAtMost !== undefined, 'give ratedAtLeast, ratedAtMost or both');

/** One condition; a rule flags when every condition in its `when` holds. */
export const ConditionSchema = z.union([
  z.strictObject({ overallAtLeast: rating }),
  z.strictObject({ overallAtMost: rating }),
  z.strictObject({ standards: StandardsConditionSchema }),
  z.strictObject({ overallComparedWithStandards: z.enum(['above-every-standard', 'below-every-standard']) }),
]);

export const ConsistencyRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  /** What the inspector sees; {overall} and {count} are filled in. */
  message: z.string().min(1),
  provenance: ProvenanceSchema,
  when: z.array(ConditionSchema).min(1),
});

export const SfoStandardSchema = z.strictObject({
  id: standardId,
  name: SfoTextSchema,
  /** What the standard looks for, as the published aims put it. */
  aims: z.array(SfoTextSchema),
  keyQuestions: z.array(z.strictObject({ id: questionId, text: z.string().trim().min(1), provenance: ProvenanceSchema })).min(1),
});

export const SfoFrameworkSchema = z.strictObject({
  /** Tells this file from the case-based frameworks beside it in reference/frameworks. */
  kind: z.literal('sfo-review'),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  version: z.string().min(1),
  title: z.string().min(1),
  publisher: z.string().min(1),
  sources: z
    .array(
      z.strictObject({
        id: sourceId,
        title: z.string().min(1),
        published: z.string().min(1),
        licence: z.string().min(1),
        url: z.url().optional(),
      }),
    )
    .min(1),
  /** The share of submitted reviews sampled unless another is chosen (0-1). */
  sample: z.strictObject({ share: z.number().gt(0).max(1), provenance: ProvenanceSchema }),
  /** The four-point scale, best first. */
  ratingScale: z.strictObject({
    ratings: z.array(z.strictObject({ rating, provenance: ProvenanceSchema })).min(2),
    note: SfoTextSchema.optional(),
  }),
  standards: z.array(SfoStandardSchema).min(1),
  overall: z.strictObject({
    decidedBy: z.literal('inspector-judgement'),
    description: SfoTextSchema,
    consistencyRules: z.array(ConsistencyRuleSchema),
  }),
});

export type SfoFrameworkDefinition = z.infer<typeof SfoFrameworkSchema>;
export type SfoText = z.infer<typeof SfoTextSchema>;
export type Provenance = z.infer<typeof ProvenanceSchema>;
export type SfoStandard = z.infer<typeof SfoStandardSchema>;
export type ConsistencyRule = z.infer<typeof ConsistencyRuleSchema>;
export type ConsistencyCondition = z.infer<typeof ConditionSchema>;
