// 3.15: the sample is every eligible case that began in the window; there is no drawing. With it
// come the two checks worth making before cases are read: whether the window caught a typical mix
// of cases, and whether there are enough cases to rate each standard.
import type { Framework } from '../framework/framework.ts';
import { caseStart, type EligibleCase } from './eligible-cases.ts';
import { compareMix, type AttributeMix } from './mix.ts';
import { reliabilityRule, sampleReliability, type Reliability, type ReliabilityRule } from './reliability.ts';
import { inWindow, type SamplingWindow } from './window.ts';

export interface CaseSample {
  window: SamplingWindow;
  /** In order of start date, then case reference. */
  cases: EligibleCase[];
  caseloadSize: number;
  mix: AttributeMix[];
  rule: ReliabilityRule;
  reliability: Reliability[];
}

const byStart = (framework: Framework) => (a: EligibleCase, b: EligibleCase) => {
  const [x, y] = [caseStart(framework, a), caseStart(framework, b)];
  return x < y ? -1 : x > y ? 1 : a.caseRef < b.caseRef ? -1 : a.caseRef > b.caseRef ? 1 : 0;
};

export function casesInWindow(framework: Framework, caseload: readonly EligibleCase[], window: SamplingWindow): EligibleCase[] {
  return caseload.filter((c) => inWindow(window, caseStart(framework, c))).sort(byStart(framework));
}

export function selectCaseSample(framework: Framework, caseload: readonly EligibleCase[], window: SamplingWindow): CaseSample {
  const cases = casesInWindow(framework, caseload, window);
  const rule = reliabilityRule(framework);
  return {
    window,
    cases,
    caseloadSize: caseload.length,
    mix: compareMix(framework, cases, caseload, framework.regime.sampleMix),
    rule,
    reliability: sampleReliability(framework, cases, rule),
  };
}
