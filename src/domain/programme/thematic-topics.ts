// Thematic inspection and research topics: scored against the inspectorate's published criteria
// (the 2022/23 programme consultation, quoted word for word), ranked, and fitted to the year's
// resource. The consultation gives the criteria but no weights, so the default weights are equal.
import { ProgrammeInputError } from './cycle-context.ts';

export type TopicKind = 'thematic' | 'research';
/** Fieldwork slots can take a desktop exercise when spare; desktop slots cannot take fieldwork. */
export type SlotKind = 'fieldwork' | 'desktop' | 'research';

export interface Criterion {
  id: string;
  /** The criterion as published. */
  text: string;
  weight: number;
}

export const THEMATIC_CRITERIA: readonly Criterion[] = [
  { id: 'ongoing-weakness', text: 'Has this been identified as an ongoing area of weakness/concern in our core inspections?', weight: 1 },
  { id: 'ministerial-priority', text: 'Is this a ministerial priority?', weight: 1 },
  {
    id: 'major-change',
    text: 'Are there major change programmes or major national changes being applied to the operating model that require external oversight and assurance?',
    weight: 1,
  },
];

export const RESEARCH_CRITERIA: readonly Criterion[] = [
  {
    id: 'level-of-risk',
    text: 'Current level of risk: significant changes to policy, service delivery or caseloads; risks to public protection/safeguarding; findings from inspections, research and other forms of evidence/intelligence',
    weight: 1,
  },
  {
    id: 'potential-impact',
    text: 'Potential impact: potential impact of our findings; ministerial and other key stakeholder interests; quality of current evidence; development of inspection standards etc',
    weight: 1,
  },
  { id: 'suitability', text: 'Suited to research or inspection', weight: 1 },
  // Scored so that higher is better, like the others: 3 = modest resources and a timescale that fits the year.
  { id: 'resources', text: 'Estimated resource requirements and timescales', weight: 1 },
];

/** How strongly a topic meets a criterion: 0 not at all, 1 somewhat, 2 clearly, 3 strongly. */
export type CriterionScore = 0 | 1 | 2 | 3;
export const SCORE_WORDS = ['not at all', 'somewhat', 'clearly', 'strongly'] as const;

export interface CandidateTopic {
  id: string;
  title: string;
  kind: TopicKind;
  /** The slot it needs: fieldwork or desktop for a thematic, research for a research project. */
  needs: SlotKind;
  /** Slots it takes (default 1). */
  size?: number;
  /** Criterion id → score; a criterion left out scores 0 and is named as unscored. */
  scores: Readonly<Record<string, CriterionScore>>;
  /** Already agreed (e.g. a joint business plan commitment): placed before any scored topic. */
  committed?: boolean;
  /** Partner inspectorates, when joint. */
  jointWith?: readonly string[];
}

export interface TopicResult {
  id: string;
  title: string;
  kind: TopicKind;
  needs: SlotKind;
  /** 0 to 100: the weighted share of the highest possible score. */
  score: number;
  /** Place among topics of its kind, from 1. */
  rank: number;
  committed: boolean;
  parts: { criterion: string; text: string; score: number; weight: number; points: number; unscored: boolean }[];
  fitted: boolean;
  /** The slot it was given (a desktop exercise may take a spare fieldwork slot), or null. */
  slot: SlotKind | null;
  explanation: string;
}

export interface TopicPlan {
  /** Thematics ranked, then research ranked. */
  topics: TopicResult[];
  used: Record<SlotKind, number>;
  resource: Record<SlotKind, number>;
}

export interface TopicPlanInput {
  topics: readonly CandidateTopic[];
  /** Slots for the year, e.g. fieldwork for five thematics plus one desktop exercise: { fieldwork: 5, desktop: 1, research: 2 }. */
  resource: Partial<Record<SlotKind, number>>;
  criteria?: { thematic?: readonly Criterion[]; research?: readonly Criterion[] };
}

const criteriaFor = (input: TopicPlanInput, kind: TopicKind) =>
  kind === 'thematic' ? (input.criteria?.thematic ?? THEMATIC_CRITERIA) : (input.criteria?.research ?? RESEARCH_CRITERIA);

function validate(input: TopicPlanInput): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const t of input.topics) {
    if (ids.has(t.id)) problems.push(`topic "${t.id}" is listed twice`);
    ids.add(t.id);
    if (t.kind === 'research' && t.needs !== 'research') problems.push(`research topic "${t.id}" must need a research slot`);
    if (t.kind === 'thematic' && t.needs === 'research') problems.push(`thematic "${t.id}" needs a fieldwork or desktop slot`);
    if (t.size !== undefined && !(Number.isInteger(t.size) && t.size >= 1)) problems.push(`topic "${t.id}": size must be a whole number, 1 or more`);
    const known = new Set(criteriaFor(input, t.kind).map((c) => c.id));
    for (const [c, s] of Object.entries(t.scores)) {
      if (!known.has(c)) problems.push(`topic "${t.id}" scores "${c}", which is not a ${t.kind} criterion`);
      if (![0, 1, 2, 3].includes(s)) problems.push(`topic "${t.id}": score for "${c}" must be 0, 1, 2 or 3`);
    }
  }
  for (const kind of ['thematic', 'research'] as const)
    if (criteriaFor(input, kind).reduce((s, c) => s + c.weight, 0) <= 0) problems.push(`the ${kind} criteria's weights must add up to more than 0`);
  if (problems.length) throw new ProgrammeInputError(problems);
}

function scoreTopic(topic: CandidateTopic, criteria: readonly Criterion[]) {
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  const parts = criteria.map((c) => {
    const score = topic.scores[c.id];
    return { criterion: c.id, text: c.text, score: score ?? 0, weight: c.weight, points: (100 * (score ?? 0) * c.weight) / (3 * totalWeight), unscored: score === undefined };
  });
  // From the weighted sum in one division, so equal sums tie exactly (then the id decides).
  return { parts, score: (100 * parts.reduce((s, p) => s + p.score * p.weight, 0)) / (3 * totalWeight) };
}

/** Scores, ranks (committed first, then by score, then by id on a tie) and fits the topics to the year's slots. */
export function planTopics(input: TopicPlanInput): TopicPlan {
  validate(input);
  const resource: Record<SlotKind, number> = { fieldwork: 0, desktop: 0, research: 0, ...input.resource };
  const used: Record<SlotKind, number> = { fieldwork: 0, desktop: 0, research: 0 };
  const results: TopicResult[] = [];
  for (const kind of ['thematic', 'research'] as const) {
    const scored = input.topics
      .filter((t) => t.kind === kind)
      .map((t) => ({ topic: t, ...scoreTopic(t, criteriaFor(input, kind)) }))
      .sort((a, b) => Number(!!b.topic.committed) - Number(!!a.topic.committed) || b.score - a.score || (a.topic.id < b.topic.id ? -1 : 1));
    scored.forEach(({ topic, parts, score }, i) => {
      results.push({
        id: topic.id,
        title: topic.title,
        kind,
        needs: topic.needs,
        score,
        rank: i + 1,
        committed: !!topic.committed,
        parts,
        fitted: false,
        slot: null,
        explanation: '',
      });
    });
  }
  const size = (r: TopicResult) => input.topics.find((t) => t.id === r.id)!.size ?? 1;
  // First pass: each topic, in rank order, into its own kind of slot.
  for (const r of results) {
    if (used[r.needs] + size(r) > resource[r.needs]) continue;
    used[r.needs] += size(r);
    [r.fitted, r.slot] = [true, r.needs];
  }
  // Second pass: desktop exercises left over take spare fieldwork slots.
  for (const r of results) {
    if (r.fitted || r.needs !== 'desktop' || used.fieldwork + size(r) > resource.fieldwork) continue;
    used.fieldwork += size(r);
    [r.fitted, r.slot] = [true, 'fieldwork'];
  }
  for (const r of results) r.explanation = explain(r, results, resource, size(r));
  return { topics: results, used, resource };
}

function explain(r: TopicResult, all: readonly TopicResult[], resource: Record<SlotKind, number>, size: number): string {
  const ofKind = all.filter((t) => t.kind === r.kind).length;
  const parts = r.parts
    .map((p) => `${p.criterion} ${p.unscored ? 'unscored (0)' : `${SCORE_WORDS[p.score]} (${p.score}/3)`} → ${p.points.toFixed(1)}`)
    .join('; ');
  const ranked = r.committed
    ? `Ranked ${r.rank} of ${ofKind} ${r.kind} topics: already committed, so placed before scored topics (score ${r.score.toFixed(1)}: ${parts})`
    : `Ranked ${r.rank} of ${ofKind} ${r.kind} topics with ${r.score.toFixed(1)} of 100: ${parts}`;
  const slots = `${size} ${r.needs} slot${size === 1 ? '' : 's'}`;
  const fit = r.fitted
    ? r.slot === r.needs
      ? `Fitted: takes ${slots}.`
      : `Fitted: no desktop slot was left, so it takes a spare fieldwork slot.`
    : `Not fitted: it needs ${slots} and higher-ranked topics leave too few of the year's ${resource[r.needs]}${r.needs === 'desktop' ? ' (nor a spare fieldwork slot)' : ''}.`;
  return `${ranked}. ${fit}`;
}
