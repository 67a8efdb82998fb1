// Generated (not real) case assessments for the demonstration inspection and the benchmarks.
// Seeded, so the same seed always gives the same cases. The mixes are plausible, not sourced:
// the national split of cases by risk level and sentence type was not found in public data.
import { itemApplies, keyQuestionApplies } from '../domain/assessment/applicability.ts';
import type { Answer, CaseAssessment, InspectionAssessment, Progress } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { seededRandom } from '../domain/sampling/seeded-random.ts';

export const GENERATED_LABEL = '[Generated demonstration data: not a real case or judgement]';

/** One of the values, each as likely as its weight. */
export function pick<T>(random: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((s, [, w]) => s + w, 0);
  let r = random() * total;
  for (const [value, weight] of weighted) if ((r -= weight) < 0) return value;
  return weighted.at(-1)![0];
}

// Typical of published PDU inspections: engagement and desistance work stronger than work to
// keep people safe (e.g. 25% satisfactory risk-of-harm assessment in London 2022).
const KEY_QUESTION_QUALITY: Record<string, number> = {
  '2.1.1': 0.74,
  '2.2.1': 0.8, '2.2.2': 0.74, '2.2.3': 0.55,
  '2.3.1': 0.78, '2.3.2': 0.7, '2.3.3': 0.52,
  '2.4.1': 0.82, '2.4.2': 0.7, '2.4.3': 0.55,
  '2.5.1': 0.72, '2.5.2': 0.66, '2.5.3': 0.5,
  '2.6.1': 0.6,
  '2.7.1': 0.75, '2.7.2': 0.7, '2.7.3': 0.68,
};

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export interface GenerateOptions {
  seed: number;
  cases: number;
  /** First day of the sampling window (cases began in the two weeks from here). */
  windowStart: string;
  /** Shift every key question's chance of a sufficient judgement (e.g. +0.1 for a stronger PDU). */
  qualityShift?: number;
  caseRefPrefix?: string;
  withEvidence?: boolean;
}

function generateCase(framework: Framework, random: () => number, ref: string, o: GenerateOptions): CaseAssessment {
  const sentence = pick(random, [['community', 65], ['post-custody', 35]]);
  const c: CaseAssessment = {
    caseRef: ref,
    attributes: {
      sentence_type: sentence,
      rosh: pick(random, [['low', 22], ['medium', 56], ['high', 20], ['very-high', 2]]),
      start_date: addDays(o.windowStart, Math.floor(random() * 14)),
      psr_prepared: random() < (sentence === 'community' ? 0.75 : 0.6) ? 'yes' : 'no',
      victim_contact_eligible: sentence === 'post-custody' && random() < 0.3 ? 'yes' : 'no',
      gender: pick(random, [['male', 88], ['female', 12]]),
      age_band: pick(random, [['18-20', 5], ['21-24', 11], ['25-29', 15], ['30-39', 33], ['40-49', 21], ['50+', 15]]),
      ethnicity: pick(random, [['white', 78], ['black', 8], ['asian', 7], ['mixed', 5], ['other', 2]]),
      disability: random() < 0.2 ? 'yes' : 'no',
      mental_health: random() < 0.35 ? 'yes' : 'no',
      learning_needs: random() < 0.15 ? 'yes' : 'no',
    },
    answers: {},
    outcomes: {},
    evidence: {},
  };
  const shift = o.qualityShift ?? 0;
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      if (!keyQuestionApplies(s, kq, c)) continue;
      const quality = Math.min(0.98, Math.max(0.02, (KEY_QUESTION_QUALITY[kq.id] ?? 0.65) + shift));
      const judgement: Answer = random() < quality ? 'yes' : 'no';
      c.answers[kq.id] = judgement;
      for (const p of kq.prompts) {
        if (!itemApplies(framework, p.id, c)) continue;
        if (s.assessedBy === 'case-outcomes') {
          // Each outcome question is judged on its own evidence (4.7-4.11).
          const positive = random() < quality;
          const progress: Progress = pick(random, positive ? [['sufficient', 60], ['some', 40]] : [['some', 45], ['none', 55]]);
          const stability = progress === 'some' && positive;
          c.answers[p.id] = progress === 'sufficient' || stability ? 'yes' : 'no';
          c.outcomes[p.id] = stability ? { progress, stabilityCredited: true } : { progress };
        } else {
          c.answers[p.id] = random() < 0.05 ? 'na' : random() < (judgement === 'yes' ? 0.88 : 0.3) ? 'yes' : 'no';
        }
      }
      if (o.withEvidence && random() < 0.3)
        c.evidence[kq.id] = `${GENERATED_LABEL} ${judgement === 'yes' ? 'Sufficient' : 'Not sufficient'}: ${kq.text.replace(/\?$/, '').toLowerCase()}.`;
    }
  return c;
}

export function generateAssessment(framework: Framework, o: GenerateOptions): InspectionAssessment {
  const random = seededRandom(o.seed);
  const prefix = o.caseRefPrefix ?? 'DEMO-';
  const cases = Array.from({ length: o.cases }, (_, i) => generateCase(framework, random, `${prefix}${String(i + 1).padStart(3, '0')}`, o));
  const rating = (weights: [string, number][]) => pick(random, weights);
  const scale = framework.ratingScale;
  const judgements: InspectionAssessment['judgements'] = {};
  for (const s of framework.judgementStandards)
    judgements[s.id] = {
      rating: rating(scale.map((r, i) => [r, [10, 50, 35, 5][i] ?? 10])),
      rationale: `${GENERATED_LABEL} The lead inspector's reasons for the ${s.name.toLowerCase()} rating would be written here, drawing on interviews, documents and the case findings.`,
    };
  for (const j of framework.definition.rules.judgements)
    judgements[j.id] = {
      rating: rating(scale.map((r, i) => [r, [15, 50, 30, 5][i] ?? 10])),
      rationale: `${GENERATED_LABEL} The judgement on ${j.name.toLowerCase()} across the framework would be written here.`,
    };
  return { frameworkKey: framework.key, cases, judgements };
}
