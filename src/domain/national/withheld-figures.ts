// Which of the annual report's figures are withheld. First the small ones (fewer than 5 cases, or
// 10 answers for a survey statement); then, by complementary suppression, enough others that none
// of them can be worked out by subtraction: the national figure minus the regions shown, or minus
// the groups of a breakdown shown, or a region minus its PDUs' figures as open data and the PDU
// reports publish them (each PDU's figure is withheld there by its own rule, and this report
// cannot change what they show). Pure.
import { protectTable, type DisclosureCell, type TableSum } from '../disclosure/complementary-suppression.ts';
import { inspectionFigureWithheld } from '../disclosure/thresholds.ts';

/** What a withheld-or-shown figure needs: its count of cases (or answers) and whether it is withheld. */
export interface Countable {
  /** Applicable cases (or answers): the smallest figures are withheld first. */
  applicable: number;
  suppressed: boolean;
}

/** One figure of a question's table, named by the table's own id. */
export interface FigureCell<F extends Countable> {
  id: string;
  figure: F;
}

/** A PDU inspection's figure for the question, as published elsewhere: its count and whether it is withheld there. */
export interface PublishedElsewhere {
  id: string;
  applicable: number;
  withheld: boolean;
}

export interface QuestionTable<F extends Countable> {
  cells: FigureCell<F>[];
  /** Inspection figures published elsewhere that this table's sums add up. */
  elsewhere?: PublishedElsewhere[];
  sums: TableSum[];
  /** What the withheld parts of a sum with a shown total must add up to, at least. */
  minimum: number;
}

/** A figure is shown as having nothing to count ([z]) when it counts no cases: a known 0, not withheld. */
const countsNothing = (f: Countable) => f.applicable === 0;

/**
 * Withholds, beside the small figures, those that would give a small one away; returns the ids
 * of every figure to withhold. A figure counting nothing stays shown as such.
 */
export function withheldFigures<F extends Countable>(table: QuestionTable<F>): Set<string> {
  const cells: DisclosureCell[] = [
    ...table.cells.map((c) => ({ id: c.id, value: c.figure.applicable, withheld: c.figure.suppressed && !countsNothing(c.figure) })),
    ...(table.elsewhere ?? []).map((e) => ({ id: e.id, value: e.applicable, withheld: e.withheld, fixed: true })),
  ];
  const { withheld } = protectTable({ cells, sums: table.sums }, { minimumWithheld: table.minimum });
  return new Set(table.cells.filter((c) => withheld.has(c.id)).map((c) => c.id));
}

/** The same figures, each withheld as `withheldFigures` says (those counting nothing unchanged). */
export function applyWithholding<F extends Countable>(table: QuestionTable<F>): Map<string, F> {
  const withheld = withheldFigures(table);
  return new Map(table.cells.map((c) => [c.id, withheld.has(c.id) ? { ...c.figure, suppressed: true } : c.figure]));
}

/** PDU inspections' figures for one item as open data publishes them: withheld under the minimum. */
export const inspectionFigures = (counts: readonly { inspection: number; applicable: number }[]): PublishedElsewhere[] =>
  counts.map((c) => ({ id: `pdu:${c.inspection}`, applicable: c.applicable, withheld: inspectionFigureWithheld(c.applicable) }));

