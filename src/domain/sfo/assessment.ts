// One reading of an SFO review: each standard's rating with its rationale (and evidence notes for
// the first reader), then the overall rating with its rationale. What a reading needs before it
// is submitted, and the flags the framework's consistency rules raise on its overall rating, which
// must each be acknowledged with a reason.
import { overallRatingFlags, type ConsistencyFlag, type SfoFramework } from './framework.ts';

export interface StandardReading {
  rating?: string;
  rationale?: string;
  evidence?: string;
}

export interface SfoReading {
  /** By standard id. */
  standards: Readonly<Record<string, StandardReading>>;
  overall?: string;
  overallRationale?: string;
}

export interface ReadingProblem {
  /** The form field: `rating-<standard>`, `rationale-<standard>`, `overall`, `overallRationale`, `acknowledgement`. */
  field: string;
  message: string;
}

export const MAX_TEXT = 10_000;

/** Problems with what was entered, checked on every save: ratings off the scale and texts too long. */
export function readingEntryProblems(framework: SfoFramework, reading: SfoReading): ReadingProblem[] {
  const problems: ReadingProblem[] = [];
  const scale = framework.ratings;
  for (const s of framework.standards) {
    const r = reading.standards[s.id] ?? {};
    if (r.rating !== undefined && !scale.includes(r.rating)) problems.push({ field: `rating-${s.id}`, message: `The rating of standard ${s.id} must be one of ${scale.join(', ')}` });
    for (const [key, label] of [['rationale', 'rationale'], ['evidence', 'evidence notes']] as const)
      if ((r[key]?.length ?? 0) > MAX_TEXT) problems.push({ field: `${key}-${s.id}`, message: `The ${label} for standard ${s.id} must be ${MAX_TEXT} characters or fewer` });
  }
  if (reading.overall !== undefined && !scale.includes(reading.overall)) problems.push({ field: 'overall', message: `The overall rating must be one of ${scale.join(', ')}` });
  if ((reading.overallRationale?.length ?? 0) > MAX_TEXT) problems.push({ field: 'overallRationale', message: `The rationale for the overall rating must be ${MAX_TEXT} characters or fewer` });
  return problems;
}

/** What a reading still needs before it may be submitted, in the form's order. */
export function readingSubmitProblems(framework: SfoFramework, reading: SfoReading): ReadingProblem[] {
  const problems = readingEntryProblems(framework, reading);
  for (const s of framework.standards) {
    const r = reading.standards[s.id] ?? {};
    const name = `standard ${s.id}, ${s.name.text}`;
    if (!r.rating) problems.push({ field: `rating-${s.id}`, message: `Select a rating for ${name}` });
    if (!r.rationale?.trim()) problems.push({ field: `rationale-${s.id}`, message: `Enter the rationale for the rating of ${name}` });
  }
  if (!reading.overall) problems.push({ field: 'overall', message: 'Select the overall rating' });
  if (!reading.overallRationale?.trim()) problems.push({ field: 'overallRationale', message: 'Enter the rationale for the overall rating' });
  return problems;
}

/** The consistency rules the reading's overall rating breaks (none until every rating is given). */
export const readingFlags = (framework: SfoFramework, reading: SfoReading): ConsistencyFlag[] =>
  overallRatingFlags(framework, Object.fromEntries(framework.standards.map((s) => [s.id, reading.standards[s.id]?.rating])), reading.overall);

/** Flags not yet acknowledged with a reason. */
export const unacknowledgedFlags = (flags: readonly ConsistencyFlag[], acknowledged: ReadonlySet<string>): ConsistencyFlag[] => flags.filter((f) => !acknowledged.has(f.rule));

/** The items a reading rates, in order: each standard, then 'overall'. */
export const readingItems = (framework: SfoFramework): string[] => [...framework.standards.map((s) => s.id), 'overall'];

/** A reading's rating of an item (a standard's id or 'overall'). */
export const ratingOf = (reading: SfoReading, item: string): string | undefined => (item === 'overall' ? reading.overall : reading.standards[item]?.rating);

/** How an item is named to a person: "Standard 2, Overall judgements" or "The overall rating". */
export const itemName = (framework: SfoFramework, item: string): string =>
  item === 'overall' ? 'The overall rating' : `Standard ${item}, ${framework.standard(item)?.name.text ?? ''}`.replace(/, $/, '');
