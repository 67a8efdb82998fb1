// The annual SFO report as the public sees it once published: the published figures, with the
// regions' small counts already withheld when it was built, and besides that every timeliness
// spread (median and quartiles) of a group of fewer reviews than the fewest shown withheld, since
// a median of one or two reviews is those reviews' own working days (pure).
import type { AnnualSfoReport, Spread } from './annual-report.ts';

/** True when the spread's figures are withheld from the public (1 to under `fewest` reviews). */
const spreadWithheld = (s: Spread, fewest: number): boolean => s.reviews > 0 && s.reviews < fewest;

export function publicSfoAnnualReport(r: AnnualSfoReport): AnnualSfoReport {
  const fewest = r.suppression.fewestShown;
  const guard = (s: Spread): Spread => (spreadWithheld(s, fewest) ? { reviews: s.reviews, median: null, lowerQuartile: null, upperQuartile: null } : s);
  return {
    ...r,
    regions: r.regions.map((g) => (g.reviews.count === null || g.reviews.count < fewest ? { ...g, medianWorkingDays: null } : g)),
    timeliness: { ...r.timeliness, all: guard(r.timeliness.all), withExtension: guard(r.timeliness.withExtension), withoutExtension: guard(r.timeliness.withoutExtension) },
  };
}
