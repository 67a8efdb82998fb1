// Regional feedback for a Regional Probation Director: the region's PDU inspections whose fieldwork
// began in a business year and whose findings have reached the service (factual accuracy check,
// embargoed or published), rated by their own framework versions, beside the national figures for
// the same year pooled from every such inspection.
import {
  getOrganisation,
  getReport,
  listInspections,
  listOrganisationSummaries,
  listRecommendations,
  loadAssessmentsForInspections,
  publicationStates,
  type Db,
  type Organisation,
} from '../db/repositories/index.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { businessYear, businessYearOf, inBusinessYear, parseBusinessYear, type BusinessYear } from '../domain/national/business-year.ts';
import { effectiveStatus } from '../domain/publication/workflow.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import { buildRegionalFeedback, nationalPool } from '../domain/regional-feedback/feedback.ts';
import type { RegionalFeedback, RegionalInspection } from '../domain/regional-feedback/types.ts';
import { AppError } from './errors.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { clock } from './clock.ts';

export interface RegionalFeedbackResult {
  region: Organisation;
  year: BusinessYear;
  /** Years to choose from: those with the region's inspections, the current year and the one shown; newest first. */
  years: BusinessYear[];
  feedback: RegionalFeedback;
}

/** The region with that id; not found for an unknown id or an organisation that is not a region. */
export async function requireRegion(db: Db, id: number): Promise<Organisation> {
  const region = await getOrganisation(db, id);
  if (!region || region.kind !== 'region') throw new AppError('not-found', `There is no region ${id}`);
  return region;
}

/** Reads the year asked for ('2025', '2025/26'); invalid when it is neither. */
export function yearFrom(text: string | undefined): BusinessYear | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const year = parseBusinessYear(text);
  if (!year) throw new AppError('invalid', `"${text}" is not a business year: give the year it starts in, like 2025 or 2025/26`);
  return year;
}

/**
 * The feedback for the region (see requireRegion) and year; without a year, the latest business
 * year in which one of the region's PDU inspections has reached the service (or the current year
 * when none has).
 */
export async function regionalFeedback(db: Db, region: Organisation, year?: BusinessYear, today = clock.today()): Promise<RegionalFeedbackResult> {
  const [all, publication, pdus] = await Promise.all([listInspections(db), publicationStates(db, today), listOrganisationSummaries(db, 'pdu')]);
  const regionPdus = new Set(pdus.filter((p) => p.parentId === region.id).map((p) => p.id));
  const reached = all.filter((i) => i.organisationKind === 'pdu' && publication.sharedWithService.has(i.id));
  const regionYears = reached.filter((i) => regionPdus.has(i.organisationId)).map((i) => businessYearOf(i.fieldworkStart).start);
  const current = businessYearOf(today).start;
  const shown = year ?? businessYear(regionYears.length ? Math.max(...regionYears) : current);
  const years = [...new Set([...regionYears, current, shown.start])].sort((a, b) => b - a).map(businessYear);

  // Every assessment of the year in one batch, each with its own framework version; only the region's are rated.
  const inYear = reached.filter((i) => inBusinessYear(i.fieldworkStart, shown));
  const assessments = await loadAssessmentsForInspections(db, inYear.map((i) => i.id));
  const frameworks = new Map<string, Framework>();
  for (const key of new Set([...assessments.values()].map((a) => a.frameworkKey))) frameworks.set(key, await storedFrameworkByKey(db, key));
  const loaded = inYear.map((item) => {
    const assessment = assessments.get(item.id)!;
    return { item, assessment, framework: frameworks.get(assessment.frameworkKey)! };
  });

  const inspections: RegionalInspection[] = [];
  for (const { item, framework, assessment } of loaded.filter((l) => regionPdus.has(l.item.organisationId))) {
    const [report, recommendations] = await Promise.all([getReport(db, item.id), listRecommendations(db, item.id)]);
    inspections.push({
      inspectionId: item.id,
      pdu: item.organisationName,
      fieldworkStart: item.fieldworkStart,
      fieldworkEnd: item.fieldworkEnd,
      reportStatus: effectiveStatus(report, today),
      isDemo: item.isDemo,
      framework,
      ratings: rateInspection(framework, assessment),
      assessment,
      recommendations: recommendations.map((r) => ({ addressedTo: r.addressedTo, text: r.text })),
    });
  }

  // National figures: every such inspection of the year, pooled per framework version.
  const byFramework = new Map<string, { framework: Framework; assessments: InspectionAssessment[] }>();
  for (const { framework, assessment } of loaded) {
    const entry = byFramework.get(framework.key) ?? { framework, assessments: [] };
    entry.assessments.push(assessment);
    byFramework.set(framework.key, entry);
  }
  const national = [...byFramework.values()].map((e) => nationalPool(e.framework, e.assessments));

  const feedback = buildRegionalFeedback({ region: { id: region.id, name: region.name }, year: shown, inspections, national });
  return { region, year: shown, years, feedback };
}
