// Counting key questions and prompts over cases, and pooling the counts: pooled percentages are
// always made from the cases' counts added together, never by averaging percentages.
import { applicableItems } from '../assessment/applicability.ts';
import type { InspectionAssessment } from '../assessment/types.ts';
import type { Framework } from '../framework/framework.ts';
import { percentage } from '../rating/percentages.ts';
import { FEW_CASES, type Counts, type Figure, type ItemCounts } from './types.ts';

/**
 * n of N for every key question and prompt of the standards judged case by case, counted as the
 * rating engine counts key questions: a case counts where the item applies to it and was judged
 * yes or no ('na' and unanswered are left out).
 */
export function countItems(framework: Framework, assessment: InspectionAssessment): ItemCounts {
  const counts: ItemCounts = {};
  for (const s of framework.caseStandards)
    for (const kq of s.keyQuestions) {
      counts[kq.id] = { sufficient: 0, applicable: 0 };
      for (const p of kq.prompts) counts[p.id] = { sufficient: 0, applicable: 0 };
    }
  for (const c of assessment.cases) {
    const applicable = applicableItems(framework, c);
    for (const id of applicable) {
      const answer = c.answers[id];
      const count = counts[id];
      if (!count || (answer !== 'yes' && answer !== 'no')) continue;
      count.applicable++;
      if (answer === 'yes') count.sufficient++;
    }
  }
  return counts;
}

/** The counts of several sets of cases added together, item by item. */
export function addCounts(list: readonly ItemCounts[]): ItemCounts {
  const sum: ItemCounts = {};
  for (const counts of list)
    for (const [id, c] of Object.entries(counts)) {
      const s = (sum[id] ??= { sufficient: 0, applicable: 0 });
      s.sufficient += c.sufficient;
      s.applicable += c.applicable;
    }
  return sum;
}

export function figureOf(framework: Framework, counts: Counts | undefined): Figure {
  const { sufficient, applicable } = counts ?? { sufficient: 0, applicable: 0 };
  return {
    sufficient,
    applicable,
    percentage: percentage(sufficient, applicable, framework.definition.rules.percentages),
    fewCases: applicable < FEW_CASES,
  };
}

/** "42% (41 of 98)", "-" without cases, with the small-number mark in words. */
export function figureText(f: Figure | null | undefined): string {
  if (!f || f.percentage === null) return 'No cases';
  return `${f.percentage}% (${f.sufficient} of ${f.applicable})${f.fewCases ? `, fewer than ${FEW_CASES} cases` : ''}`;
}
