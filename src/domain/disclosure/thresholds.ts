// The small-number rules of every published table, in one place, because tables published apart
// are linked by their sums: the annual report's regional and national figures add up the PDUs'
// figures that open data and the PDU reports publish, so each must know what the others withhold.

/** A case figure (key question, outcome) from fewer applicable cases than this is withheld: too few to be reliable, and people could be recognised. */
export const FEWEST_CASES_SHOWN = 5;

/** How open data publishes one PDU inspection's figure for a key question or outcome: withheld under the minimum (0 included). */
export const inspectionFigureWithheld = (applicable: number): boolean => applicable < FEWEST_CASES_SHOWN;
