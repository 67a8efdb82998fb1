// One programme year's fact-finding weeks and cycle inspections. Each region gets a phase: its k
// inspections go at (j + phase) × (open weeks / k), evenly through the year, with its fact-finding
// week just before the first. Phases are staggered across regions so fact-finding weeks and the
// national load spread out. Regions with an inspection already fixed (a return or pin) take the
// earliest phases; the rest take turns, a different group first each year. Within a region the
// PDU not inspected longest takes the earliest slot.
import { comparePriority, type CycleContext } from './cycle-context.ts';
import { factFindingMaker, newItem, type PreviousPlan } from './cycle-items.ts';
import { cycleReason, relaxedText } from './cycle-reasons.ts';
import type { PlanningPdu } from './cycle-types.ts';
import type { Board, Item } from './cycle-weeks.ts';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function placeFactFinding(ctx: CycleContext, board: Board, previous: PreviousPlan, region: string, year: number, ideal: number): void {
  const deadline = board.firstInspectionWeek(region, year);
  let best = -1;
  let bestCost = Infinity;
  for (const w of ctx.yearWeeks[year]!) {
    if (w >= deadline || !board.free(w)) continue;
    const c = board.factFindingCost(w, ideal);
    if (c < bestCost) [best, bestCost] = [w, c];
  }
  if (best >= 0) board.place(previous.mark(factFindingMaker(region)(year)), best);
}

/** The region's fact-finding week where it has none yet: any week before its first inspection, staffed if possible. */
function closeGaps(ctx: CycleContext, board: Board, regions: readonly string[], year: number, yearAll: readonly number[]): void {
  for (const region of regions) {
    if (board.factFindingOf(region, year)) continue;
    const first = board.firstInspectionWeek(region, year);
    const before = ctx.yearWeeks[year]!.filter((w) => w < first);
    const w = before.filter((w) => board.free(w)).at(-1) ?? before.at(-1) ?? yearAll.filter((w) => w < first).at(-1);
    if (w !== undefined) board.place(factFindingMaker(region)(year), w);
  }
}

/** `toPlace`: the PDUs whose (unpinned) cycle inspection falls in this year. */
export function placeYear(ctx: CycleContext, board: Board, previous: PreviousPlan, year: number, toPlace: readonly PlanningPdu[]): void {
  const open = ctx.yearWeeks[year]!;
  const yearAll = ctx.weeks.filter((w) => w.year === year).map((w) => w.index);
  if (!yearAll.length) return;
  const regions = ctx.regions.filter((r) => toPlace.some((p) => p.region === r) || board.inspectionsOf(r, year).length);
  const rotate = regions.length ? ((year - 1) * Math.ceil(regions.length / ctx.years)) % regions.length : 0;
  const fixedFirst = (r: string) => Math.min(board.firstInspectionWeek(r, year), ctx.weeks.length);
  const ordered = [...regions.slice(rotate), ...regions.slice(0, rotate)].sort((a, b) => fixedFirst(a) - fixedFirst(b));
  const span = open.length ? open : yearAll;
  const at = (position: number) => span[Math.max(0, Math.min(span.length - 1, Math.floor(position)))]!;

  const planned: { item: Item; ideal: number; gap: number }[] = [];
  ordered.forEach((region, i) => {
    const pdus = toPlace.filter((p) => p.region === region).sort(comparePriority);
    const phase = (i + 0.5) / ordered.length;
    const step = span.length / Math.max(1, pdus.length);
    if (!board.factFindingOf(region, year))
      placeFactFinding(ctx, board, previous, region, year, previous.get('fact-finding', region, year)?.week ?? at(phase * step - 1));
    const gap = span.length / (pdus.length + board.inspectionsOf(region, year).length);
    pdus.forEach((p, j) => {
      const item = previous.mark(newItem('inspection', p.name, region, year, cycleReason(ctx, p.name)));
      const keep = item.previousWeek !== null && ctx.weeks[item.previousWeek]!.year === year;
      planned.push({ item, ideal: keep ? item.previousWeek! : at((j + phase) * step), gap });
    });
  });
  planned.sort((a, b) => a.ideal - b.ideal || byText(a.item.region, b.item.region) || byText(a.item.pdu!, b.item.pdu!));
  for (const { item, ideal, gap } of planned)
    item.reason += relaxedText(board.placeInspection(item, yearAll, (w) => board.inspectionCost(item, w, ideal, gap), null, factFindingMaker(item.region)));
  closeGaps(ctx, board, regions, year, yearAll);
}
