// The SFO review QA pages' tables and choices, built from the register and samples as stored.
import type { SfoReviewRecord, SfoSampleChangeRecord } from '../db/repositories/sfo-repository.ts';
import type { RegionCount } from '../domain/sfo/sample.ts';
import { govukDate, govukDateTime } from './govuk-dates.ts';
import { escapeHtml } from './templates.ts';

type Cell = ({ text: string } | { html: string }) & { format?: 'numeric'; attributes?: Record<string, string> };

/** A date cell that sorts by its ISO value (the MoJ sortable table reads data-sort-value). */
const dateCell = (iso: string | null): Cell => (iso ? { text: govukDate(iso), attributes: { 'data-sort-value': iso } } : { text: 'Not yet submitted', attributes: { 'data-sort-value': '9999-12-31' } });

/** The register's rows: each reference a link to the review's page; whether its document is attached. */
export function registerRows(reviews: readonly SfoReviewRecord[], withDocument: ReadonlySet<number> = new Set()): Cell[][] {
  return reviews.map((r) => [
    { html: `<a class="govuk-link" href="/sfo/reviews/${r.id}">${escapeHtml(r.reviewRef)}</a>`, attributes: { 'data-sort-value': r.reviewRef } },
    { text: r.region },
    { text: r.pdu ?? '–' },
    { text: r.offenceCategory },
    dateCell(r.notifiedOn),
    dateCell(r.submittedOn),
    { text: r.extensionGranted ? 'Yes' : 'No' },
    { text: r.authorRole ?? '–' },
    { text: withDocument.has(r.id) ? 'Attached' : 'None' },
  ]);
}

/** Business years (April to March) in which reviews were submitted, newest first: "2024-25" covers 1 April 2024 to 31 March 2025. */
export function businessYears(reviews: readonly SfoReviewRecord[]): string[] {
  const years = new Set<number>();
  for (const r of reviews) if (r.submittedOn) years.add(Number(r.submittedOn.slice(0, 4)) - (Number(r.submittedOn.slice(5, 7)) < 4 ? 1 : 0));
  return [...years].sort((a, b) => b - a).map((y) => `${y}-${String((y + 1) % 100).padStart(2, '0')}`);
}

/** The first and last days of a business year named as businessYears names it, or undefined. */
export function businessYearPeriod(name: string | undefined): { from: string; to: string } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(name ?? '');
  if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2])) return undefined;
  return { from: `${m[1]}-04-01`, to: `${Number(m[1]) + 1}-03-31` };
}

export const businessYearText = (name: string): string => `April ${name.slice(0, 4)} to March ${Number(name.slice(0, 4)) + 1}`;

export function regionCountRows(byRegion: Record<string, RegionCount>): Cell[][] {
  const rows = Object.entries(byRegion)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([region, n]): Cell[] => [{ text: region }, { text: String(n.submitted), format: 'numeric' }, { text: String(n.selected), format: 'numeric' }]);
  const total = Object.values(byRegion).reduce((t, n) => ({ submitted: t.submitted + n.submitted, selected: t.selected + n.selected }), { submitted: 0, selected: 0 });
  return [...rows, [{ text: 'All regions' }, { text: String(total.submitted), format: 'numeric' }, { text: String(total.selected), format: 'numeric' }]];
}

export function selectedRows(selected: readonly (SfoReviewRecord & { addedByHand: boolean })[]): Cell[][] {
  return selected.map((r) => [{ text: r.reviewRef }, { text: r.region }, { text: r.offenceCategory }, dateCell(r.submittedOn), { text: r.addedByHand ? 'Added by hand' : 'Drawn' }]);
}

export function changeRows(changes: readonly SfoSampleChangeRecord[], names: ReadonlyMap<string, string>): Cell[][] {
  return changes.map((c) => [{ text: c.change === 'add' ? 'Added' : 'Removed' }, { text: c.reviewRef }, { text: c.reason }, { text: names.get(c.changedBy) ?? c.changedBy }, { text: govukDateTime(c.changedAt) }]);
}
