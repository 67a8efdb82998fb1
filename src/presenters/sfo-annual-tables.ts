// The annual SFO report's tables and explanations in words, written once for the page and the
// tagged PDF: each table's caption, headings and rows as text, and the notes that say how each
// figure was made (suppression, working days, themes, the published years' source).
import type { AnnualSfoReport, Figure, Spread } from '../domain/sfo/annual-report.ts';

export interface ReportTable {
  id: string;
  caption: string;
  head: string[];
  rows: string[][];
  /** Columns from this index on are figures (right-aligned). */
  numericFrom: number;
  notes: string[];
}

const pc = (p: number | null) => (p === null ? '–' : `${p}%`);
const countPc = (count: number, p: number | null) => `${count} (${pc(p)})`;
const figure = (f: Figure) => (f.count === null ? '[x]' : f.percent === null ? String(f.count) : `${f.count} (${f.percent}%)`);
const days = (n: number | null) => (n === null ? '–' : String(n));
/** A group's spread; one of 1 to under the fewest shown withheld ([x]) where the public sees it. */
const spreadRow = (name: string, s: Spread) => (s.reviews > 0 && s.median === null ? [name, String(s.reviews), '[x]', '[x]', '[x]'] : [name, String(s.reviews), days(s.lowerQuartile), days(s.median), days(s.upperQuartile)]);

export function sfoAnnualTables(r: AnnualSfoReport, sourceTitle: string): ReportTable[] {
  const fewest = r.suppression.fewestShown;
  const ratingHead = [...r.overall.ratings.map((x) => x.rating), r.goodOrBetterLabel];
  return [
    {
      id: 'overall',
      caption: `Overall ratings of the ${r.reviews} reviews quality-assured`,
      head: ['Rating', 'Reviews', 'Per cent'],
      rows: [...r.overall.ratings.map((x) => [x.rating, String(x.count), pc(x.percent)]), [r.goodOrBetterLabel, String(r.overall.goodOrBetter.count), pc(r.overall.goodOrBetter.percent)]],
      numericFrom: 1,
      notes: ['Percentages are of the reviews quality-assured, rounded half up to whole numbers, so they may not add up to 100.'],
    },
    {
      id: 'standards',
      caption: 'Ratings by standard: reviews (per cent)',
      head: ['Standard', ...ratingHead],
      rows: r.standards.map((s) => [`${s.id} ${s.name}`, ...s.distribution.ratings.map((x) => countPc(x.count, x.percent)), countPc(s.distribution.goodOrBetter.count, s.distribution.goodOrBetter.percent)]),
      numericFrom: 1,
      notes: [],
    },
    {
      id: 'regions',
      caption: 'Overall ratings by region: reviews (per cent of the region’s)',
      head: ['Region', 'Reviews (per cent of all)', ...ratingHead],
      rows: r.regions.map((g) => [g.region, figure(g.reviews), ...g.ratings.map((x) => figure(x.figure)), figure(g.goodOrBetter)]),
      numericFrom: 1,
      notes: [
        `[x]: withheld. A region’s count from 1 to ${fewest - 1} is withheld, so that no review (and no one in it) can be recognised${r.suppression.complementary ? `; ${r.suppression.complementary} more ${r.suppression.complementary === 1 ? 'is' : 'are'} withheld because ${r.suppression.complementary === 1 ? 'it' : 'they'} would let a withheld count be worked out from the totals or the national figures` : ''}. The rules are the project's disclosure rules, the same as for inspection figures.`,
        ...(r.suppression.unprotectable.length ? [`Some withheld counts can still be worked out from the national figures, which are published whole: ${r.suppression.unprotectable.join('; ')}.`] : []),
      ],
    },
    {
      id: 'region-timeliness',
      caption: 'Extensions and timeliness by region',
      head: ['Region', 'Reviews', 'Extension granted (per cent of the region’s)', 'Median working days, notified to submitted'],
      rows: r.regions.map((g) => [g.region, g.reviews.count === null ? '[x]' : String(g.reviews.count), figure(g.extensions), days(g.medianWorkingDays)]),
      numericFrom: 1,
      notes: [`A median is shown only for a region with ${fewest} or more reviews; [x] is withheld as above.`],
    },
    {
      id: 'timeliness',
      caption: 'Timeliness: working days from notification to submission',
      head: ['Reviews', 'Number', 'Lower quartile', 'Median', 'Upper quartile'],
      rows: (
        [
          ['All reviews', r.timeliness.all],
          ['With an extension', r.timeliness.withExtension],
          ['Without an extension', r.timeliness.withoutExtension],
        ] as const
      ).map(([name, sp]) => spreadRow(name, sp)),
      numericFrom: 1,
      notes: [
        `An extension was granted for ${r.timeliness.extensions.count} of the ${r.reviews} reviews (${pc(r.timeliness.extensions.percent)}).`,
        'Working days leave out Saturdays, Sundays and the bank holidays of England and Wales; the day of notification is not counted and the day of submission is. Quartiles are by the nearest-rank rule.',
        ...([r.timeliness.all, r.timeliness.withExtension, r.timeliness.withoutExtension].some((sp) => sp.reviews > 0 && sp.median === null) ? [`[x]: withheld, because a group of fewer than ${fewest} reviews would show those reviews' own working days.`] : []),
      ],
    },
    {
      id: 'themes',
      caption: 'Themes in the inspectors’ rationales',
      head: ['Theme', 'Words looked for', 'Reviews mentioning (per cent of all)', 'Of those, rated below good overall'],
      rows: r.themes.map((t) => [t.name, t.terms.join(', '), countPc(t.reviews, t.percent), countPc(t.belowGood, t.belowGoodPercent)]),
      numericFrom: 2,
      notes: [
        'A review counts towards a theme when any of its rationales (each standard’s and the overall) holds one of the words looked for, as a word or the start of one, in any case. This counts how often a theme is written about, not what was said: read the rationales for that.',
      ],
    },
    {
      id: 'year-on-year',
      caption: 'Year on year',
      head: ['Year', 'Source', 'Reviews', r.goodOrBetterLabel, ...r.overall.ratings.map((x) => x.rating), 'Extension granted'],
      rows: r.yearOnYear.map((y) => [y.year, y.source === 'published' ? 'Published' : 'This report', String(y.reviews), pc(y.goodOrBetterPercent), ...r.overall.ratings.map((x) => pc(y.ratingPercents[x.rating] ?? null)), pc(y.extensionPercent)]),
      numericFrom: 2,
      notes: [`Earlier years are the inspectorate's published figures, as published (${sourceTitle}); a dash is a figure that was not published, and none is worked out from the others.`],
    },
  ];
}
