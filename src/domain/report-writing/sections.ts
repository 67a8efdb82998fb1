// The sections of an inspection report that people write, where an HMIP report has them: the
// foreword, the overall findings, a narrative per rated standard (with its "Strengths" and "Areas
// for improvement"), the judgements' sections and the views of the people the service works with
// (people on probation, children), in the framework file's words. Recommendations
// are kept apart, one by one, because the service's action plan answers each of them.
import type { Framework } from '../framework/framework.ts';

export interface SectionPart {
  name: string;
  label: string;
  hint: string;
}

export interface ReportSectionDef {
  /** The key stored with each version and used in the page's address: "foreword", "standard-2.1". */
  key: string;
  title: string;
  /** The standard the section is about, for a standard's narrative. */
  standardId?: string;
  parts: SectionPart[];
}

const TEXT_HINT = 'Separate paragraphs with a blank line. Start a line with "- " for a bulleted list.';
const LIST_HINT = 'One point a line, each starting "- ".';

const single = (key: string, title: string, hint: string): ReportSectionDef => ({ key, title, parts: [{ name: 'text', label: title, hint: `${hint} ${TEXT_HINT}` }] });

export const STANDARD_PARTS: SectionPart[] = [
  { name: 'narrative', label: 'Narrative', hint: `A short account of what inspectors found. ${TEXT_HINT}` },
  { name: 'strengths', label: 'Strengths', hint: LIST_HINT },
  { name: 'improvements', label: 'Areas for improvement', hint: LIST_HINT },
];

/**
 * Every section of the report to be written, in the report's order, in the framework's words: a
 * narrative for each standard the report rates (those rated separately too), a section for each
 * judgement the file names (or on diversity, where the file flags diversity prompts without
 * judging it) and one on the views of the people the service works with.
 */
export function reportSections(framework: Framework): ReportSectionDef[] {
  const { regime, rules } = framework.definition;
  const written = framework.standards.filter((s) => ['rated', 'rated-separately'].includes(framework.treatment(s.id)));
  const judgements = rules.judgements.length
    ? rules.judgements.map((j) => single(j.id, j.name, j.description ?? `What stands behind the lead inspector's judgement of ${j.name.toLowerCase()}.`))
    : framework.items.some((i) => i.prompt?.diversity)
      ? [single('diversity', 'Diversity', `How well the ${regime.organisation.singular}'s work takes account of the diversity of the ${regime.people.plural} it works with.`)]
      : [];
  return [
    single('foreword', 'Foreword', 'The chief inspector’s introduction to the report.'),
    single('overall-findings', 'Overall findings', 'What the inspection found overall; it follows the ratings summary.'),
    ...written.map((s) => ({ key: `standard-${s.id}`, title: `${s.id} ${s.name}`, standardId: s.id, parts: STANDARD_PARTS })),
    ...judgements,
    single('people-on-probation', `The views of ${regime.people.plural}`, `What ${regime.people.plural} told inspectors, beside the survey’s figures.`),
  ];
}

/** A section's text, part by part ("text", or "narrative", "strengths", "improvements"). */
export type SectionParts = Record<string, string>;

/** The parts a section keeps from what was sent: only its own, trimmed at the end of each line. */
export function cleanParts(section: ReportSectionDef, sent: Record<string, unknown>): SectionParts {
  const out: SectionParts = {};
  for (const part of section.parts) {
    const value = sent[part.name];
    out[part.name] = typeof value === 'string' ? value.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim() : '';
  }
  return out;
}

export const MAX_PART_LENGTH = 50_000;

/** Whether two versions' texts are the same, part by part. */
export const sameParts = (a: SectionParts, b: SectionParts): boolean =>
  Object.keys({ ...a, ...b }).every((k) => (a[k] ?? '') === (b[k] ?? ''));
