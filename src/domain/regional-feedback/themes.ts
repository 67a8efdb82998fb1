// Themes across a region's PDUs: the key questions and prompts on which most of the PDUs inspected
// fell below a rating band's edge (concerns) or reached one (strengths), worded plainly and put in
// order of how widespread they are. "Most" is more than half of the PDUs with any case for the
// item. Band edges are compared with the percentage rounded as the framework's rules say, exactly
// as the rating engine places a key question in a band.
import { listAnd } from '../text/lists.ts';
import type { Framework } from '../framework/framework.ts';
import { reaches } from '../rating/percentages.ts';
import { FEW_CASES, type Figure, type ItemRow, type KeyQuestionRow, type PromptRow, type Theme } from './types.ts';

/** At least this many PDUs (with cases for the item) before anything is called a theme across them. */
export const MIN_PDUS_FOR_THEME = 2;
/** How many prompts the lowest-prompts list shows. */
const LOWEST_PROMPTS = 10;

const edgeWords = (edge: number) => (edge === 50 ? 'half' : `${edge}%`);

/** a/b against c/d, exactly; null (no cases) sorts after any figure. */
function compareShare(a: Figure, b: Figure): number {
  if (!a.applicable || !b.applicable) return (a.applicable ? 0 : 1) - (b.applicable ? 0 : 1);
  return a.sufficient * b.applicable - b.sufficient * a.applicable;
}

interface Candidate {
  row: ItemRow;
  level: Theme['level'];
}

function sentence(t: Omit<Theme, 'sentence'>, unitWord: string): string {
  const who = t.count === t.of ? (t.of === 2 ? `In both ${unitWord}` : `In all ${t.of} ${unitWord}`) : `In ${t.count} of the ${t.of} ${unitWord}`;
  const what = t.level === 'key-question' ? 'judged sufficient' : 'answered yes';
  const item = `${t.level === 'prompt' ? 'prompt ' : ''}${t.itemId} "${t.itemText}"`;
  const share = t.kind === 'concern' ? `fewer than ${edgeWords(t.edge)} of cases were ${what}` : `${t.edge}% or more of cases were ${what}`;
  const region = t.region.percentage === null ? '' : ` Across the region ${t.region.sufficient} of ${t.region.applicable} cases (${t.region.percentage}%) were ${what}${t.national?.percentage != null ? `; nationally ${t.national.percentage}%` : ''}.`;
  const few = t.fewCasesPdus.length ? ` In ${listAnd(t.fewCasesPdus)} the figure comes from fewer than ${FEW_CASES} cases.` : '';
  return `${who} (${listAnd(t.pdus)}) ${share} on ${item}${t.bandWords ? ` (${t.bandWords})` : ''}.${region}${few}`;
}

/**
 * Concerns and strengths across the PDUs. Key questions of rated standards are checked against the
 * band edges up to Good (concerns: below 50%, then below 65%) and from Good up (strengths: 80% or
 * more, then 65% or more), the most telling edge that most PDUs share being the one reported;
 * prompts, which are not rated, only against the lowest edge (fewer than half answered yes).
 */
export function findThemes(
  framework: Framework,
  keyQuestions: readonly KeyQuestionRow[],
  prompts: readonly PromptRow[],
  unitWord: string,
): { concerns: Theme[]; strengths: Theme[] } {
  const { keyQuestionBands: bands, percentages: rules } = framework.definition.rules;
  const middle = Math.floor(bands.length / 2);
  // Edges as band indexes: concerns ascending (most severe first), strengths descending.
  const concernEdges = bands.map((_, i) => i).filter((i) => i >= 1 && i <= middle);
  const strengthEdges = bands.map((_, i) => i).filter((i) => i >= middle && i >= 1).reverse();
  const concerns: Theme[] = [];
  const strengths: Theme[] = [];

  const candidates: Candidate[] = [
    ...keyQuestions.filter((k) => k.rated).map((row) => ({ row, level: 'key-question' as const })),
    ...prompts.map((row) => ({ row, level: 'prompt' as const })),
  ];
  for (const { row, level } of candidates) {
    const withCases = row.pdus.filter((p) => p.figure.applicable > 0);
    const of = withCases.length;
    if (of < MIN_PDUS_FOR_THEME) continue;
    const make = (kind: Theme['kind'], index: number, met: typeof withCases): Theme => {
      const edge = bands[index]!.minPercent;
      const bandWords =
        level === 'prompt'
          ? ''
          : kind === 'concern'
            ? index === 1
              ? `the ${bands[0]!.rating} band`
              : `below ${bands[index]!.rating}`
            : index === bands.length - 1
              ? `the ${bands[index]!.rating} band`
              : `${bands[index]!.rating} or better`;
      const theme = {
        kind,
        level,
        itemId: row.id,
        itemText: row.text,
        standardId: row.standardId,
        standardName: row.standardName,
        edge,
        bandWords,
        count: met.length,
        of,
        pdus: met.map((p) => p.pdu),
        fewCasesPdus: met.filter((p) => p.figure.fewCases).map((p) => p.pdu),
        region: row.region,
        national: row.national,
      };
      return { ...theme, sentence: sentence(theme, unitWord) };
    };
    let found = false;
    for (const index of level === 'prompt' ? [1] : concernEdges) {
      const edge = bands[index]!.minPercent;
      const below = withCases.filter((p) => !reaches(p.figure.sufficient, p.figure.applicable, edge, rules));
      if (below.length * 2 > of) {
        concerns.push(make('concern', index, below));
        found = true;
        break;
      }
    }
    if (found || level === 'prompt') continue;
    for (const index of strengthEdges) {
      const edge = bands[index]!.minPercent;
      const at = withCases.filter((p) => reaches(p.figure.sufficient, p.figure.applicable, edge, rules));
      if (at.length * 2 > of) {
        strengths.push(make('strength', index, at));
        break;
      }
    }
  }

  const order = framework.items.map((i) => i.id);
  const position = (id: string) => order.indexOf(id);
  const widespread = (a: Theme, b: Theme) => b.count * a.of - a.count * b.of || b.count - a.count;
  concerns.sort((a, b) => widespread(a, b) || a.edge - b.edge || compareShare(a.region, b.region) || position(a.itemId) - position(b.itemId));
  strengths.sort((a, b) => widespread(a, b) || b.edge - a.edge || compareShare(b.region, a.region) || position(a.itemId) - position(b.itemId));
  return { concerns, strengths };
}

/** The prompts with the lowest share answered yes across the region, from FEW_CASES cases or more. */
export function lowestPrompts(framework: Framework, prompts: readonly PromptRow[], limit = LOWEST_PROMPTS): PromptRow[] {
  const order = framework.items.map((i) => i.id);
  return prompts
    .filter((p) => p.region.applicable >= FEW_CASES)
    .sort((a, b) => compareShare(a.region, b.region) || order.indexOf(a.id) - order.indexOf(b.id))
    .slice(0, limit);
}
