// Whether the sample is big enough to rate each standard (3.15 removes sampling error, not the
// uncertainty of a small number of cases). "Too small" means: around a result at the edge of Good
// (65%), the 95% Wilson interval for the cases the standard applies to reaches further than one
// rating band's width (15 points) on either side. Then the PDU's true rate could lie two bands from
// the rating given, and a handful of cases judged the other way would move the rating by a band.
import { applicableItems } from '../assessment/applicability.ts';
import { emptyCase } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import type { Condition, StandardTreatment } from '../framework/schema.ts';
import { wilsonInterval } from '../rating/percentages.ts';
import type { EligibleCase } from './eligible-cases.ts';

export interface ReliabilityRule {
  /** The result the interval is drawn around, in percent. */
  referencePercent: number;
  /** The narrowest rating band between the lowest and the highest, in percentage points. */
  bandWidth: number;
  /** Fewest applicable cases for which the interval stays within a band's width. */
  casesNeeded: number;
}

export interface Reliability {
  scope: 'standard' | 'key-question' | 'prompt';
  id: string;
  name: string;
  treatment: StandardTreatment;
  /** Which cases it applies to, when not every case: "Pre-sentence report prepared: yes". */
  appliesTo: string | null;
  /** Cases in the sample it is expected to apply to, from their attributes. */
  applicableCases: number;
  /** 95% Wilson interval around the reference result with that many cases; null with none. */
  interval: { low: number; high: number } | null;
  /** The furthest end of the interval from the reference result, in points (one decimal). */
  margin: number | null;
  /** How many cases' judgements make up one band's width. */
  casesPerBand: number | null;
  tooSmall: boolean;
  message: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function marginFor(cases: number, referencePercent: number): { interval: { low: number; high: number }; margin: number } | null {
  // wilsonInterval reads n/N as a proportion, so a fractional n puts the result exactly on the reference.
  const interval = wilsonInterval((referencePercent / 100) * cases, cases);
  if (!interval) return null;
  return { interval, margin: round1(Math.max(referencePercent - interval.low, interval.high - referencePercent)) };
}

export function reliabilityRule(framework: Framework, referencePercent?: number): ReliabilityRule {
  const bands = framework.definition.rules.keyQuestionBands;
  const widths = bands.slice(0, -1).map((b, i) => bands[i + 1]!.minPercent - b.minPercent);
  const bandWidth = Math.min(...(widths.length > 2 ? widths.slice(1) : widths));
  // The edge of the second band from the top: Good, where most ratings are decided.
  const reference = referencePercent ?? bands[Math.max(0, bands.length - 2)]!.minPercent;
  let casesNeeded = 1;
  while ((marginFor(casesNeeded, reference)?.margin ?? Infinity) > bandWidth && casesNeeded < 100_000) casesNeeded++;
  return { referencePercent: reference, bandWidth, casesNeeded };
}

const conditionText = (framework: Framework, conditions: readonly Condition[]): string | null =>
  conditions.length ? conditions.map((c) => `${framework.attribute(c.attribute)?.label ?? c.attribute}: ${c.equals}`).join('; ') : null;

function describe(r: Omit<Reliability, 'message' | 'tooSmall'>, rule: ReliabilityRule, tooSmall: boolean): string {
  const what = r.scope === 'standard' ? `${r.id} ${r.name}` : `${r.scope === 'prompt' ? 'Prompt' : 'Key question'} ${r.id}`;
  const which = r.appliesTo ? ` (${r.appliesTo})` : '';
  const cases = `${r.applicableCases} case${r.applicableCases === 1 ? '' : 's'}`;
  const treatment =
    r.treatment === 'national-only' ? ' It is rated nationally, not for this PDU.' : r.treatment === 'reported-unrated' ? ' Its percentages are reported without a rating.' : '';
  if (!r.interval || r.margin === null) return `${what}: no case in the sample is expected to need it${which}, so the sample says nothing about it.${treatment}`;
  const around = `Around a ${rule.referencePercent}% result, the 95% interval with ${cases}${which} runs from ${r.interval.low}% to ${r.interval.high}%, up to ${r.margin} points away`;
  if (!tooSmall) return `${what}: ${around}, within a rating band (${rule.bandWidth} points).${treatment}`;
  return (
    `${what}: too few cases. ${around}, more than a rating band (${rule.bandWidth} points), so a rating could move by a band on the judgement of ` +
    `${r.casesPerBand} case${r.casesPerBand === 1 ? '' : 's'}. At least ${rule.casesNeeded} cases are needed to stay within a band.${treatment}`
  );
}

/** One line per case-judged standard, and per key question or prompt that applies to fewer cases
 * than its standard (2.4.1d: post-custody cases only). */
export function sampleReliability(framework: Framework, sample: readonly EligibleCase[], rule = reliabilityRule(framework)): Reliability[] {
  const applicable = sample.map((c) => applicableItems(framework, { ...emptyCase(c.caseRef), attributes: c.attributes }));
  const count = (id: string) => applicable.filter((set) => set.has(id)).length;
  const result: Reliability[] = [];
  const add = (r: Omit<Reliability, 'interval' | 'margin' | 'casesPerBand' | 'tooSmall' | 'message'>) => {
    const m = marginFor(r.applicableCases, rule.referencePercent);
    const casesPerBand = r.applicableCases ? Math.max(1, Math.ceil((rule.bandWidth * r.applicableCases) / 100 - 1e-9)) : null;
    const base = { ...r, interval: m?.interval ?? null, margin: m?.margin ?? null, casesPerBand };
    const tooSmall = !m || m.margin > rule.bandWidth;
    result.push({ ...base, tooSmall, message: describe(base, rule, tooSmall) });
  };
  for (const s of framework.caseStandards) {
    const treatment = framework.treatment(s.id);
    const standardConditions = s.appliesWhen ? [s.appliesWhen] : [];
    add({
      scope: 'standard',
      id: s.id,
      name: s.name,
      treatment,
      appliesTo: conditionText(framework, standardConditions),
      applicableCases: applicable.filter((set) => s.keyQuestions.some((kq) => set.has(kq.id))).length,
    });
    for (const kq of s.keyQuestions) {
      if (kq.appliesWhen)
        add({ scope: 'key-question', id: kq.id, name: kq.text, treatment, appliesTo: conditionText(framework, [...standardConditions, kq.appliesWhen]), applicableCases: count(kq.id) });
      for (const p of kq.prompts)
        if (p.appliesWhen)
          add({
            scope: 'prompt',
            id: p.id,
            name: p.text,
            treatment,
            appliesTo: conditionText(framework, [...standardConditions, ...(kq.appliesWhen ? [kq.appliesWhen] : []), p.appliesWhen]),
            applicableCases: count(p.id),
          });
    }
  }
  return result;
}
