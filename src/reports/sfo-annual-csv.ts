// The annual SFO report as CSV for analysts: one row per figure (table, group, item, count,
// percent, note), withheld figures left empty with the reason, through the project's stringifyCsv.
import type { AnnualSfoReport, Figure } from '../domain/sfo/annual-report.ts';
import { stringifyCsv } from '../interchange/csv-safe.ts';

export type SfoAnnualCsvRow = [table: string, group: string, item: string, count: number | string, percent: number | string, note: string];
type Row = SfoAnnualCsvRow;
export const SFO_ANNUAL_CSV_COLUMNS = ['table', 'group', 'item', 'count', 'percent', 'note'] as const;

const withheldNote = (f: Figure, fewest: number) => (f.withheld === 'small' ? `withheld: from 1 to ${fewest - 1}` : f.withheld === 'complementary' ? 'withheld: would reveal a small figure' : '');
const cells = (f: Figure, fewest: number): [number | string, number | string, string] => [f.count ?? '', f.percent ?? '', withheldNote(f, fewest)];
const orEmpty = (n: number | null) => n ?? '';

export function sfoAnnualCsv(r: AnnualSfoReport): string {
  return stringifyCsv(sfoAnnualCsvRows(r), { header: true, columns: [...SFO_ANNUAL_CSV_COLUMNS] });
}

/** The report's figures as the CSV's rows, one a figure. */
export function sfoAnnualCsvRows(r: AnnualSfoReport): SfoAnnualCsvRow[] {
  const fewest = r.suppression.fewestShown;
  const rows: Row[] = [['reviews quality-assured', 'all regions', 'reviews', r.reviews, '', '']];
  for (const x of r.overall.ratings) rows.push(['overall rating', 'all regions', x.rating, x.count, orEmpty(x.percent), '']);
  rows.push(['overall rating', 'all regions', r.goodOrBetterLabel, r.overall.goodOrBetter.count, orEmpty(r.overall.goodOrBetter.percent), '']);
  for (const s of r.standards) {
    for (const x of s.distribution.ratings) rows.push([`standard ${s.id} ${s.name}`, 'all regions', x.rating, x.count, orEmpty(x.percent), '']);
    rows.push([`standard ${s.id} ${s.name}`, 'all regions', r.goodOrBetterLabel, s.distribution.goodOrBetter.count, orEmpty(s.distribution.goodOrBetter.percent), '']);
  }
  for (const g of r.regions) {
    rows.push(['by region', g.region, 'reviews', ...cells(g.reviews, fewest)]);
    for (const x of g.ratings) rows.push(['by region', g.region, x.rating, ...cells(x.figure, fewest)]);
    rows.push(['by region', g.region, r.goodOrBetterLabel, ...cells(g.goodOrBetter, fewest)]);
    rows.push(['by region', g.region, 'extension granted', ...cells(g.extensions, fewest)]);
    rows.push(['by region', g.region, 'median working days notified to submitted', orEmpty(g.medianWorkingDays), '', g.medianWorkingDays === null ? `withheld: fewer than ${fewest} reviews` : '']);
  }
  const t = r.timeliness;
  rows.push(['timeliness', 'all regions', 'extension granted', t.extensions.count, orEmpty(t.extensions.percent), '']);
  for (const [group, s] of [['all reviews', t.all], ['with an extension', t.withExtension], ['without an extension', t.withoutExtension]] as const) {
    rows.push(['timeliness', group, 'median working days notified to submitted', orEmpty(s.median), '', s.median === null && s.reviews > 0 ? `${s.reviews} reviews; withheld: fewer than ${fewest}` : `${s.reviews} reviews`]);
    rows.push(['timeliness', group, 'lower quartile', orEmpty(s.lowerQuartile), '', '']);
    rows.push(['timeliness', group, 'upper quartile', orEmpty(s.upperQuartile), '', '']);
  }
  for (const th of r.themes) {
    rows.push(['themes in rationales', th.name, 'reviews mentioning', th.reviews, orEmpty(th.percent), `terms: ${th.terms.join('; ')}`]);
    rows.push(['themes in rationales', th.name, 'of those, rated below good overall', th.belowGood, orEmpty(th.belowGoodPercent), '']);
  }
  for (const y of r.yearOnYear) {
    rows.push(['year on year', y.year, 'reviews', y.reviews, '', y.source]);
    rows.push(['year on year', y.year, r.goodOrBetterLabel, '', orEmpty(y.goodOrBetterPercent), y.goodOrBetterPercent === null ? 'not published' : y.source]);
    for (const [rating, p] of Object.entries(y.ratingPercents)) rows.push(['year on year', y.year, rating, '', orEmpty(p), p === null ? 'not published' : y.source]);
    rows.push(['year on year', y.year, 'extension granted', '', orEmpty(y.extensionPercent), y.extensionPercent === null ? 'not published' : y.source]);
  }
  return rows;
}
