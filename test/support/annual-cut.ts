// Data cuts for the annual national report's unit tests: inspections of generated cases (three
// regions in turn), pooled by the real cutPool, for the 2025/26 business year and the year before.
import { generateAssessment } from '../../src/demo/generate-assessment.ts';
import type { Framework } from '../../src/domain/framework/framework.ts';
import { businessYear } from '../../src/domain/national/business-year.ts';
import { cutPool, type CutSurvey, type DataCut, type InspectionForCut } from '../../src/domain/national/data-cut.ts';
import { rateInspection } from '../../src/domain/rating/engine.ts';
import { bundledFramework } from '../../src/reference/frameworks.ts';

export const framework = bundledFramework();
const year = businessYear(2025);
const REGIONS = ['North East', 'Wales', 'London'];

/** Inspection `id` of `cases` generated cases (from `seed`), in one of three regions. */
export function inspection(id: number, seed: number, cases: number, survey: CutSurvey | null = null, fw: Framework = framework): InspectionForCut {
  const assessment = generateAssessment(fw, { seed, cases, windowStart: '2025-01-06', caseRefPrefix: `I${id}-` });
  return {
    id,
    organisation: `PDU ${id}`,
    region: REGIONS[id % REGIONS.length]!,
    fieldworkStart: `2025-0${4 + (id % 5)}-07`,
    publishedOn: '2026-01-15',
    isDemo: false,
    assessment,
    ratings: rateInspection(fw, assessment),
    survey,
  };
}

/** The cut of 2025/26 under the bundled framework, with the year before's pools. */
export function cutOf(current: InspectionForCut[], previous: { fw: Framework; inspections: InspectionForCut[] }[] = []): DataCut {
  return {
    format: 1,
    takenAt: '2026-06-01T09:00:00.000Z',
    year,
    frameworkKey: framework.key,
    current: cutPool(framework, year, current),
    previous: previous.map((p) => cutPool(p.fw, businessYear(2024), p.inspections)),
  };
}

export const frameworks = (...list: Framework[]) => new Map(list.map((f) => [f.key, f]));
