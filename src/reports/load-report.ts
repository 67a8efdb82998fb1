// Gathers what a PDU inspection report is built from: the inspection, its framework version, the
// stored assessments, the engine's ratings, the report text and the survey's results. Every output
// (the page, the PDF, the workbook) loads through here, so all show the same.
import { listInspections, type Db } from '../db/repositories/index.ts';
import { rateInspection } from '../domain/rating/engine.ts';
import { loadAssessment, standingOf } from '../services/inspections.ts';
import { loadSurveyResults } from '../services/survey/survey.ts';
import { jointInspectionOf } from '../services/joint-inspection.ts';
import { buildPduReport, type PduReport } from './pdu-report.ts';
import { getReportText } from './report-text.ts';
import { reportSurvey } from './report-survey.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { InspectionRatings } from '../domain/rating/result.ts';
import type { InspectionListItem } from '../db/repositories/index.ts';

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

/** A file name for the report's downloads: the PDU and fieldwork start, in safe characters. */
export const reportFileName = (summary: InspectionListItem, ext: string): string =>
  `inspection-report-${summary.organisationName}-${summary.fieldworkStart}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-') + `.${ext}`;
