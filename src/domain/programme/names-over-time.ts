// Names over time (pure): the renames recorded in the registry form a chain of dated names, each
// from its first day (`validFrom`) to the first day of the next (`validTo`, exclusive). A rename
// may be announced ahead: it is in the chain from when it is recorded, and the name in force on a
// date is the one whose dates cover it. Names from the reference data carry no dates and only
// record what a service was called; they never decide the name in force.

export interface DatedName {
  name: string;
  validFrom: string | null;
  validTo: string | null;
  source: 'reference' | 'recorded';
}

const covers = (n: DatedName, date: string) => (n.validFrom === null || n.validFrom <= date) && (n.validTo === null || date < n.validTo);
const byFrom = (a: DatedName, b: DatedName) => ((a.validFrom ?? '') < (b.validFrom ?? '') ? -1 : (a.validFrom ?? '') > (b.validFrom ?? '') ? 1 : 0);

/** The name in force on a date (ISO): the recorded name covering it, or `stored` (the organisation's name) when none is recorded. */
export function nameOn(names: readonly DatedName[], stored: string, date: string): string {
  return (
    names
      .filter((n) => n.source === 'recorded' && covers(n, date))
      .sort(byFrom)
      .at(-1)?.name ?? stored
  );
}

/** Whether a name is in force on a date (a recorded name whose dates cover it). */
export const inForceOn = (n: DatedName, date: string): boolean => n.source === 'recorded' && covers(n, date);

/** Whether a name is a rename recorded to take effect after `today`. */
export const isScheduled = (n: DatedName, today: string): boolean => n.source === 'recorded' && n.validFrom !== null && n.validFrom > today;

/** Renames recorded to take effect after `today`, soonest first. */
export function scheduledNames<N extends DatedName>(names: readonly N[], today: string): N[] {
  return names.filter((n) => isScheduled(n, today)).sort(byFrom);
}

/** The name after every recorded rename, scheduled ones included: the last in the chain, or `stored`. */
export function lastName(names: readonly DatedName[], stored: string): string {
  return (
    names
      .filter((n) => n.source === 'recorded' && n.validTo === null)
      .sort(byFrom)
      .at(-1)?.name ?? stored
  );
}

/** The date of the last recorded name change (past or scheduled), if any. */
export function lastNameChange(names: readonly DatedName[]): string | undefined {
  return names
    .filter((n) => n.source === 'recorded')
    .flatMap((n) => [n.validFrom, n.validTo])
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1);
}

/** A row of a service's names over time, as its page and the command line list them. */
export interface NameOverTime {
  name: string;
  validFrom: string | null;
  validTo: string | null;
  /** The service's name now, in force today. */
  inForce: boolean;
  /** A rename recorded to take effect after today. */
  scheduled: boolean;
  /** `current` for the row added for the service's name when no recorded name has it in force. */
  source: DatedName['source'] | 'current';
  recordedBy: string | null;
  note: string | null;
}

/**
 * A service's names over time: each name with its first and last day, whether it is the name in
 * force or a rename scheduled; and, when no recorded name puts the service's name (`current`) in
 * force today, a last row for it (in force, its first day not known).
 */
export function namesOverTime(current: string, names: readonly (DatedName & { recordedBy?: string | null; note?: string | null })[], today: string): NameOverTime[] {
  const rows: NameOverTime[] = names.map((n) => ({
    name: n.name,
    validFrom: n.validFrom,
    validTo: n.validTo,
    inForce: inForceOn(n, today) && n.name === current,
    scheduled: isScheduled(n, today),
    source: n.source,
    recordedBy: n.recordedBy ?? null,
    note: n.note ?? null,
  }));
  if (!rows.some((r) => r.inForce)) rows.push({ name: current, validFrom: null, validTo: null, inForce: true, scheduled: false, source: 'current', recordedBy: null, note: null });
  return rows;
}
