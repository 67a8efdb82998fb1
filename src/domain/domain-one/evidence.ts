// Evidence for a domain-one standard (3.1, 4.21): what it is, the checks on it, and how the page
// groups it by key question and counts its strengths and areas for improvement so the rating's
// rationale can be written against it.
import type { DomainOneStandard } from './questions.ts';

/** One problem with the input and the form field it concerns. */
export interface EvidenceProblem {
  field: string;
  message: string;
}

export const EVIDENCE_KINDS = ['interview', 'document', 'survey', 'case-findings', 'observation', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const KIND_NAMES: Record<EvidenceKind, string> = {
  interview: 'Interview or focus group',
  document: 'Document',
  survey: 'Survey evidence',
  'case-findings': 'Case findings',
  observation: 'Observation',
  other: 'Other',
};

export const FINDINGS = ['strength', 'area-for-improvement', 'neutral'] as const;
export type Finding = (typeof FINDINGS)[number];

export const FINDING_NAMES: Record<Finding, string> = {
  strength: 'Strength',
  'area-for-improvement': 'Area for improvement',
  neutral: 'Neutral',
};

export const isEvidenceKind = (v: string): v is EvidenceKind => (EVIDENCE_KINDS as readonly string[]).includes(v);
export const isFinding = (v: string): v is Finding => (FINDINGS as readonly string[]).includes(v);

/** Kinds whose substance is a link to the inspection's own figures, so the text is optional. */
export const LINKED_KINDS: readonly EvidenceKind[] = ['survey', 'case-findings'];

export const MAX_SOURCE_LENGTH = 200;
export const MAX_TEXT_LENGTH = 10_000;

/** Evidence as entered, before its checks. Empty strings for fields left blank. */
export interface EvidenceInput {
  itemId: string;
  kind: string;
  source: string;
  /** 'YYYY-MM-DD', or '' when the date could not be read. */
  date: string;
  text: string;
  finding: string;
  surveyStatementId: string;
  caseKeyQuestionId: string;
}

/** What the checks need from the inspection. */
export interface EvidenceChoices {
  /** The key questions and prompts of the standard. */
  targets: ReadonlySet<string>;
  /** The survey's statements that can be linked (none before the survey has results). */
  surveyStatements: ReadonlySet<string>;
  /** Domain-two key questions whose percentages can be linked. */
  caseKeyQuestions: ReadonlySet<string>;
  today: string;
}

/** Checked evidence, ready to store. */
export interface CheckedEvidence {
  itemId: string;
  kind: EvidenceKind;
  source: string;
  date: string;
  text: string;
  finding: Finding;
  surveyStatementId: string | null;
  caseKeyQuestionId: string | null;
}

/** Every problem with the evidence, by form field and in the form's order; none when it can be stored. */
export function evidenceProblems(input: EvidenceInput, choices: EvidenceChoices): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (!choices.targets.has(input.itemId)) add('itemId', 'Select the key question or prompt the evidence is about');
  const kind = isEvidenceKind(input.kind) ? input.kind : undefined;
  if (!kind) add('kind', 'Select the kind of evidence');
  if (kind === 'survey') {
    if (!choices.surveyStatements.size) add('kind', 'The survey has no results yet, so there is no survey evidence to link');
    else if (!choices.surveyStatements.has(input.surveyStatementId)) add('surveyStatementId', 'Select the survey statement the evidence comes from');
  }
  if (kind === 'case-findings' && !choices.caseKeyQuestions.has(input.caseKeyQuestionId)) add('caseKeyQuestionId', 'Select the domain-two key question whose case findings are the evidence');
  const source = input.source.trim();
  if (!source) add('source', 'Enter where the evidence comes from, for example “Interview with the head of PDU”');
  else if (source.length > MAX_SOURCE_LENGTH) add('source', `Where the evidence comes from must be ${MAX_SOURCE_LENGTH} characters or fewer`);
  if (!input.date) add('date', 'Enter the date of the evidence');
  else if (input.date > choices.today) add('date', 'The date of the evidence must be today or in the past');
  const text = input.text.trim();
  if (!text && !(kind && LINKED_KINDS.includes(kind))) add('text', 'Enter what the evidence shows');
  else if (text.length > MAX_TEXT_LENGTH) add('text', `What the evidence shows must be ${MAX_TEXT_LENGTH.toLocaleString('en-GB')} characters or fewer`);
  if (!isFinding(input.finding)) add('finding', 'Select whether the evidence is a strength, an area for improvement or neutral');
  return problems;
}

/** The evidence as stored: trimmed, with only the link its kind uses. Call after `evidenceProblems` found none. */
export function checkedEvidence(input: EvidenceInput): CheckedEvidence {
  const kind = input.kind as EvidenceKind;
  return {
    itemId: input.itemId,
    kind,
    source: input.source.trim(),
    date: input.date,
    text: input.text.trim(),
    finding: input.finding as Finding,
    surveyStatementId: kind === 'survey' ? input.surveyStatementId : null,
    caseKeyQuestionId: kind === 'case-findings' ? input.caseKeyQuestionId : null,
  };
}

export interface FindingCounts {
  strengths: number;
  areasForImprovement: number;
  neutral: number;
  total: number;
}

/** What grouping needs of a piece of evidence. */
export interface GroupableEvidence {
  itemId: string;
  finding: string;
  date: string;
  id: number;
  withdrawn: boolean;
}

export function findingCounts(evidence: readonly Pick<GroupableEvidence, 'finding' | 'withdrawn'>[]): FindingCounts {
  const shown = evidence.filter((e) => !e.withdrawn);
  return {
    strengths: shown.filter((e) => e.finding === 'strength').length,
    areasForImprovement: shown.filter((e) => e.finding === 'area-for-improvement').length,
    neutral: shown.filter((e) => e.finding === 'neutral').length,
    total: shown.length,
  };
}

/** "3 strengths, 1 area for improvement", as the pages word counts. */
export function countsInWords(c: FindingCounts): string {
  if (!c.total) return 'No evidence yet';
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [plural(c.strengths, 'strength', 'strengths'), plural(c.areasForImprovement, 'area for improvement', 'areas for improvement')];
  if (c.neutral) parts.push(`${c.neutral} neutral`);
  return parts.join(', ');
}

export interface KeyQuestionEvidence<E> {
  keyQuestionId: string;
  text: string;
  evidence: E[];
  counts: FindingCounts;
}

export interface GroupedEvidence<E> {
  groups: KeyQuestionEvidence<E>[];
  /** Evidence whose key question or prompt is not the standard's (kept, never dropped silently). */
  unmatched: E[];
  counts: FindingCounts;
}

/**
 * The standard's evidence shown (withdrawn left out) by key question, in the framework's order,
 * each key question with its counts; within one, oldest first (by date, then as recorded).
 */
export function groupByKeyQuestion<E extends GroupableEvidence>(standard: DomainOneStandard, evidence: readonly E[]): GroupedEvidence<E> {
  const keyQuestionOf = new Map<string, string>();
  for (const kq of standard.keyQuestions) {
    keyQuestionOf.set(kq.id, kq.id);
    for (const p of kq.prompts) keyQuestionOf.set(p.id, kq.id);
  }
  const shown = evidence.filter((e) => !e.withdrawn).sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
  const groups = standard.keyQuestions.map((kq) => {
    const mine = shown.filter((e) => keyQuestionOf.get(e.itemId) === kq.id);
    return { keyQuestionId: kq.id, text: kq.text, evidence: mine, counts: findingCounts(mine) };
  });
  return { groups, unmatched: shown.filter((e) => !keyQuestionOf.has(e.itemId)), counts: findingCounts(shown) };
}
