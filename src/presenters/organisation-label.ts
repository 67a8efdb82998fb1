// The label for the organisation inspected, in the words of the inspection's framework
// (regime.report.organisationLabel: "Probation Delivery Unit", "Youth justice service"). A list
// that holds inspections under frameworks with different words names the column neutrally.

/** The neutral label where inspections of different kinds of organisation are listed together. */
export const MIXED_ORGANISATION_LABEL = 'Service inspected';

/** One label when every inspection listed has the same one; otherwise the neutral label. */
export function organisationColumnLabel(labels: readonly (string | undefined)[]): string {
  const known = new Set(labels.filter((l): l is string => !!l));
  return known.size === 1 && !labels.includes(undefined) ? [...known][0]! : MIXED_ORGANISATION_LABEL;
}
