// Ratings shown before the inspection is signed off are provisional: the cases behind them may
// still change. The one place that decides it, for every page, the API, the CLI and the report.

export interface RatingsStanding {
  /** True until the inspection is signed off with every case complete. */
  provisional: boolean;
  casesComplete: number;
  casesTotal: number;
}

export function ratingsStanding(input: { signedOff: boolean; casesComplete: number; casesTotal: number }): RatingsStanding {
  const { casesComplete, casesTotal } = input;
  return { provisional: !input.signedOff || casesComplete < casesTotal, casesComplete, casesTotal };
}

/** "12 of 40 cases complete", as every output words it. */
export const casesCompleteText = (s: Pick<RatingsStanding, 'casesComplete' | 'casesTotal'>): string =>
  `${s.casesComplete} of ${s.casesTotal} case${s.casesTotal === 1 ? '' : 's'} complete`;
