// The SFO assessment pages' tables and form values, built from the services' views.
import type { AgreementFigure } from '../domain/quality/agreement.ts';
import type { SfoReading } from '../domain/sfo/assessment.ts';
import type { SfoFramework } from '../domain/sfo/framework.ts';

type Cell = { text?: string; html?: string; format?: 'numeric'; attributes?: Record<string, string> };

export const STATE_WORDS: Record<string, string> = {
  'not-started': 'Not started',
  'in-progress': 'Draft saved',
  submitted: 'Submitted',
  moderated: 'Moderated',
  'signed-off': 'Signed off',
  released: 'Released to the region',
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const link = (href: string, text: string) => `<a class="govuk-link" href="${esc(href)}">${esc(text)}</a>`;

/** A sampled review's progress as the table shows it (sign-off.ts's SfoSampleReviewProgress gives it). */
export interface ReviewProgress {
  review: { reviewRef: string; region: string };
  assessment?: { id: number; inspectorId: number | null; state: string; reading: Pick<SfoReading, 'overall'> };
  drawn: boolean;
  second?: { readerId: number; submittedAt: Date | null };
  unsettled: readonly string[];
  unacknowledged: readonly string[];
}

export function progressRows(reviews: readonly ReviewProgress[], names: ReadonlyMap<number, string>): Cell[][] {
  return reviews.map((r) => {
    const a = r.assessment;
    const second = !r.drawn ? 'Not drawn' : !r.second ? 'No reader yet' : `${names.get(r.second.readerId) ?? 'Unknown'}: ${r.second.submittedAt ? (r.unsettled.length ? `${r.unsettled.length} to settle` : 'submitted') : 'not submitted'}`;
    return [
      { html: a ? link(`/sfo/assessments/${a.id}`, r.review.reviewRef) : esc(r.review.reviewRef), attributes: { id: `review-${r.review.reviewRef}` } },
      { text: r.review.region },
      { text: a?.inspectorId ? (names.get(a.inspectorId) ?? 'Unknown') : 'Not assigned' },
      { text: STATE_WORDS[a?.state ?? 'not-started']! },
      { text: a?.reading.overall ?? '–' },
      { text: second },
      { text: r.unacknowledged.length ? `${r.unacknowledged.length} to acknowledge` : '–' },
    ];
  });
}

export function agreementRows(framework: SfoFramework, byItem: readonly AgreementFigure[], all: AgreementFigure): Cell[][] {
  const row = (label: string, f: AgreementFigure): Cell[] => [
    { text: label },
    { text: String(f.pairs), format: 'numeric' },
    { text: String(f.agreed), format: 'numeric' },
    { text: f.percentage === null ? '–' : `${f.percentage}%`, format: 'numeric' },
    { text: f.kappa === null ? '–' : f.kappa.toFixed(2), format: 'numeric' },
  ];
  return [...byItem.map((f) => row(f.key === 'overall' ? 'Overall rating' : `${f.key} ${framework.standard(f.key)?.name.text ?? ''}`, f)), row('Every rating', all)];
}

/** A reading as the form's fields: rating-1, rationale-1, evidence-1, …, overall, overallRationale. */
export function readingValues(reading: SfoReading): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [id, r] of Object.entries(reading.standards)) {
    if (r.rating) values[`rating-${id}`] = r.rating;
    if (r.rationale) values[`rationale-${id}`] = r.rationale;
    if (r.evidence) values[`evidence-${id}`] = r.evidence;
  }
  if (reading.overall) values.overall = reading.overall;
  if (reading.overallRationale) values.overallRationale = reading.overallRationale;
  return values;
}

/** The form's fields back to a reading. */
export function readingFromValues(framework: SfoFramework, values: Record<string, string>): SfoReading {
  return {
    standards: Object.fromEntries(framework.standards.map((s) => [s.id, { rating: values[`rating-${s.id}`], rationale: values[`rationale-${s.id}`], evidence: values[`evidence-${s.id}`] }])),
    overall: values.overall,
    overallRationale: values.overallRationale,
  };
}

/** Each standard of the framework with its key questions, for the form and the read-only view. */
export function standardsForPage(framework: SfoFramework, reading: SfoReading) {
  return framework.standards.map((s) => ({
    id: s.id,
    name: s.name.text,
    keyQuestions: s.keyQuestions.map((q) => `${q.id} ${q.text}${q.provenance.kind === 'to-be-confirmed' ? ' (to be confirmed)' : ''}`),
    rating: reading.standards[s.id]?.rating,
    rationale: reading.standards[s.id]?.rationale,
    evidence: reading.standards[s.id]?.evidence,
  }));
}

export const ratingItems = (framework: SfoFramework, selected: string | undefined) => framework.ratings.map((r) => ({ value: r, text: r, checked: r === selected }));
