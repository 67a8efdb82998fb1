// How the sample's mix compares with the whole caseload's: for the attributes the framework names
// (adult: sentence type, risk of serious harm, gender and ethnicity), the count and share of each
// value in both, so a window that caught an odd intake (mostly high RoSH, hardly any women) shows
// before cases are read.
import type { Framework } from '../framework/framework.ts';
import type { EligibleCase } from './eligible-cases.ts';

export interface Share {
  count: number;
  /** Of the cases in the group, to one decimal place; null when the group is empty. */
  percent: number | null;
}

export interface MixRow {
  /** The attribute's value; null for cases with nothing recorded. */
  value: string | null;
  sample: Share;
  caseload: Share;
  /** Sample share less caseload share, in percentage points (one decimal). */
  difference: number | null;
}

export interface AttributeMix {
  attribute: string;
  label: string;
  rows: MixRow[];
}

const share = (count: number, total: number): Share => ({ count, percent: total ? Math.round((1000 * count) / total) / 10 : null });

function countBy(cases: readonly EligibleCase[], attribute: string): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  for (const c of cases) {
    const v = c.attributes[attribute] ?? null;
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}

export function compareMix(
  framework: Framework,
  sample: readonly EligibleCase[],
  caseload: readonly EligibleCase[],
  /** In order: the framework file's regime.sampleMix. */
  attributes: readonly string[],
): AttributeMix[] {
  return attributes.map((id) => {
    const attribute = framework.attribute(id);
    const inSample = countBy(sample, id);
    const inCaseload = countBy(caseload, id);
    const known = attribute?.type === 'yes-no' ? ['yes', 'no'] : (attribute?.values ?? []);
    const seen = [...inCaseload.keys(), ...inSample.keys()];
    // Every value of the attribute, then anything else found (text attributes), then not recorded.
    const values: (string | null)[] = [...new Set([...known, ...seen.filter((v): v is string => v !== null && !known.includes(v)).sort()])];
    if (seen.includes(null)) values.push(null);
    const rows = values.map((value): MixRow => {
      const s = share(inSample.get(value) ?? 0, sample.length);
      const c = share(inCaseload.get(value) ?? 0, caseload.length);
      const difference = s.percent !== null && c.percent !== null ? Math.round(10 * (s.percent - c.percent)) / 10 : null;
      return { value, sample: s, caseload: c, difference };
    });
    return { attribute: id, label: attribute?.label ?? id, rows };
  });
}
