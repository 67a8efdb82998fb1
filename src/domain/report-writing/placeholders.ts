// Ratings and figures are never typed into the report: the narrative names them with placeholders
// that are filled from the live ratings whenever the report is made. The set is small and fixed:
//
//   {{rating:overall}}          the overall rating
//   {{rating:2.1}}              a standard's rating (any rated standard, domain one or two)
//   {{rating:diversity}}        the diversity judgement
//   {{percentage:2.1.1}}        a key question's percentage of applicable cases judged sufficient
//   {{count:2.1.1}}             the same as "n of N"
//   {{points:overall}}          the overall score as "n of N points"
//   {{cases:inspected}}         the number of cases inspected
//   {{cases:complete}}          the number of cases whose assessment is complete
//   {{survey:response-rate}}    the share of people on probation invited who responded
//
// A save with any other placeholder, or a "{{" left unclosed, is refused naming it.
import type { InspectionRatings } from '../rating/result.ts';

export interface PlaceholderFacts {
  ratings: InspectionRatings;
  /** Cases whose assessment is complete (all cases when not known). */
  casesComplete?: number;
  /** The survey's response rate in percent, when results are recorded. */
  surveyResponseRate?: number | null;
}

export interface Placeholder {
  /** As written in the text: "{{rating:2.1}}". */
  token: string;
  /** What it stands for, in words. */
  label: string;
  /** What it is filled with now. */
  value: string;
  /** The standard it belongs to, when it belongs to one (to offer it in that standard's section). */
  standardId?: string;
}

const token = (key: string) => `{{${key}}}`;
const percent = (p: number | null | undefined) => (p === null || p === undefined ? MISSING.figure : `${p}%`);
/** What a placeholder reads while its figure is not there yet: bracketed, so a draft shows the gap plainly. */
export const MISSING = { rating: '[not yet rated]', judgement: '[not yet judged]', figure: '[no figure yet]', survey: '[no survey results]' } as const;

/** Every placeholder the inspection offers, with its value now. */
export function availablePlaceholders(facts: PlaceholderFacts): Placeholder[] {
  const { ratings } = facts;
  const out: Placeholder[] = [
    { token: token('rating:overall'), label: 'The overall rating', value: ratings.overall.rating ?? MISSING.rating },
    { token: token('points:overall'), label: 'The overall score', value: `${ratings.overall.score} of ${ratings.overall.maxScore} points` },
    { token: token('cases:inspected'), label: 'Cases inspected', value: String(ratings.cases) },
    { token: token('cases:complete'), label: 'Cases whose assessment is complete', value: String(facts.casesComplete ?? ratings.cases) },
    {
      token: token('survey:response-rate'),
      label: 'Share of people on probation invited who responded to the survey',
      value: facts.surveyResponseRate === undefined || facts.surveyResponseRate === null ? MISSING.survey : percent(facts.surveyResponseRate),
    },
  ];
  for (const j of ratings.judgements) out.push({ token: token(`rating:${j.id}`), label: `The ${j.name.toLowerCase()} judgement`, value: j.rating ?? MISSING.judgement });
  for (const s of ratings.standards.filter((x) => x.treatment === 'rated')) {
    out.push({ token: token(`rating:${s.id}`), label: `Rating of ${s.id} ${s.name}`, value: s.rating ?? MISSING.rating, standardId: s.id });
    for (const k of s.keyQuestions) {
      out.push({ token: token(`percentage:${k.id}`), label: `${k.id}: percentage of cases judged sufficient`, value: percent(k.percentage), standardId: s.id });
      out.push({ token: token(`count:${k.id}`), label: `${k.id}: cases judged sufficient, n of N`, value: `${k.sufficient} of ${k.applicable}`, standardId: s.id });
    }
  }
  return out;
}

/** The placeholders offered in one section: a standard's own, then those of the whole inspection. */
export function placeholdersFor(all: Placeholder[], standardId?: string): Placeholder[] {
  if (!standardId) return all;
  return [...all.filter((p) => p.standardId === standardId), ...all.filter((p) => !p.standardId)];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** What is wrong with the placeholders in `text`: each unknown one named, and any "{{" not closed. */
export function placeholderProblems(text: string, all: Placeholder[]): string[] {
  const known = new Set(all.map((p) => p.token));
  const problems: string[] = [];
  const unknown = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    const written = match[0];
    const normalised = token(match[1]!.trim());
    if (!known.has(normalised)) unknown.add(written);
  }
  for (const u of unknown) problems.push(`${u} is not a placeholder this report offers: use one from the list of placeholders, such as {{rating:overall}} or {{percentage:2.1.1}}`);
  const leftover = text.replace(PLACEHOLDER, '');
  if (leftover.includes('{{') || leftover.includes('}}')) {
    const at = Math.max(leftover.indexOf('{{'), 0);
    problems.push(`A placeholder is not written in full near "${leftover.slice(at, at + 30).trim()}": write it as {{kind:id}}, for example {{rating:2.1}}`);
  }
  return problems;
}

/** The text with each placeholder replaced by its value now; any it does not know is left as written. */
export function fillPlaceholders(text: string, all: Placeholder[]): string {
  const values = new Map(all.map((p) => [p.token, p.value]));
  return text.replace(PLACEHOLDER, (written, key: string) => values.get(token(key.trim())) ?? written);
}
