// Regional feedback's figures as one tidy CSV for analysts: a row per rating, and per key question
// and prompt a row for the region (pooled), each PDU and the nation, with n, N and the percentage.
import { stringifyCsv } from '../interchange/csv-safe.ts';
import type { Figure, ItemRow, RegionalFeedback } from '../domain/regional-feedback/types.ts';

const COLUMNS = ['section', 'scope', 'standard', 'item', 'text', 'rating', 'sufficient', 'applicable', 'percentage', 'fewer_than_5_cases'] as const;
type Row = Record<(typeof COLUMNS)[number], string | number>;

const blank = { rating: '', sufficient: '', applicable: '', percentage: '', fewer_than_5_cases: '' };
const figure = (f: Figure) => ({ sufficient: f.sufficient, applicable: f.applicable, percentage: f.percentage ?? '', fewer_than_5_cases: f.fewCases ? 'yes' : 'no' });

function itemRows(section: string, row: ItemRow): Row[] {
  const base = { section, standard: row.standardId, item: row.id, text: row.text, rating: '' };
  return [
    { ...base, scope: 'Region', ...figure(row.region) },
    ...row.pdus.map((p) => ({ ...base, scope: p.pdu, ...figure(p.figure) })),
    ...(row.national ? [{ ...base, scope: 'National', ...figure(row.national) }] : []),
  ];
}

export function regionalFeedbackCsv(f: RegionalFeedback): string {
  const rows: Row[] = [
    ...f.ratings.rows.flatMap((r) =>
      f.ratings.columns.map((c) => ({ ...blank, section: 'rating', scope: r.pdu, standard: c.kind === 'standard' ? c.id : '', item: c.id, text: c.name, rating: r.ratings[c.id] ?? '' })),
    ),
    ...f.keyQuestions.flatMap((k) => itemRows(k.rated ? 'key question' : 'key question (not rated)', k)),
    ...f.prompts.flatMap((p) => itemRows('prompt', p)),
  ];
  return stringifyCsv(rows, { header: true, columns: [...COLUMNS] });
}

export const regionalFeedbackFileName = (f: RegionalFeedback, ext: string): string =>
  `regional-feedback-${f.region.name}-${f.year.label}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-') + `.${ext}`;
