// Gathers what a PDU inspection report is built from: the inspection, its framework version, the
// stored assessments, the engine's ratings, the report text and the survey's results. Every output
// (the page, the PDF, the workbook, the public and embargoed copies) loads through here, so all show
// the same; src/reports only renders what this gives it.
import { getReport, listInspections, listRecommendations, type Db, type InspectionListItem } from '../db/repositories/index.ts';
import { listSectionVersions } from '../db/repositories/report-writing-repository.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { InspectionRatings } from '../domain/rating/result.ts';
import type { SectionParts } from '../domain/report-writing/sections.ts';
import { buildPduReport, type PduReport } from '../reports/pdu-report.ts';
import type { ReportText } from '../reports/report-text.ts';
import { reportSurvey } from '../reports/report-survey.ts';
import { currentPublication } from './inspection-scope.ts';
import { loadAssessment, standingOf } from './inspections.ts';
import { jointInspectionOf } from './joint-inspection.ts';
import { loadSurveyResults } from './survey/survey.ts';

export interface LoadedReport {
  summary: InspectionListItem;
  framework: Framework;
  assessment: InspectionAssessment;
  ratings: InspectionRatings;
  report: PduReport;
}

export async function loadPduReport(db: Db, inspectionId: number): Promise<LoadedReport> {
  const { inspection, framework, assessment } = await loadAssessment(db, inspectionId);
  const summary = (await listInspections(db, { organisationId: inspection.organisationId })).find((i) => i.id === inspection.id)!;
  const ratings = rateInspection(framework, assessment);
  const text = await getReportText(db, inspectionId);
  // Null until the survey is sent: the report then says no results are recorded.
  const survey = reportSurvey((await loadSurveyResults(db, inspectionId)).results);
  // A draft made before sign-off says on its cover that its ratings are provisional.
  const standing = standingOf(inspection, framework, assessment);
  // A joint inspection's partners: the report says so in its facts and methodology.
  const partners = (await jointInspectionOf(db, inspectionId)).recorded;
  const report = buildPduReport({ inspection: summary, framework, ratings, assessment, text, standing, partners, ...(survey ? { survey } : {}) });
  return { summary, framework, assessment, ratings, report };
}

/**
 * A published inspection's report for the public pages: loaded only once its publication date has
 * come (before then there is nothing to show, so the public routes answer 404).
 */
export async function loadPublishedReport(db: Db, inspectionId: number): Promise<(LoadedReport & { publishOn: string | null }) | undefined> {
  const { published, publishOn } = await currentPublication(db);
  if (!published.has(inspectionId)) return undefined;
  return { ...(await loadPduReport(db, inspectionId)), publishOn: publishOn.get(inspectionId) ?? null };
}

/**
 * The report's written text: what the lead approved of each section (its latest approved version),
 * and the recommendations, each addressed to the level that can act on it (3.9).
 */
export async function getReportText(db: Db, inspectionId: number): Promise<ReportText> {
  const [report, recommendations, versions] = await Promise.all([getReport(db, inspectionId), listRecommendations(db, inspectionId), listSectionVersions(db, inspectionId)]);
  // Versions come oldest first, so the newest approved one of each section stays.
  const sections: Record<string, SectionParts> = {};
  for (const v of versions) if (v.approvedBy !== null) sections[v.section] = v.parts;
  return {
    ...(report.foreword ? { foreword: report.foreword } : {}),
    ...(report.overallFindings ? { overallFindings: report.overallFindings } : {}),
    recommendations: recommendations.map((r) => ({ addressedTo: r.addressedTo, text: r.text })),
    sections,
  };
}
