// The words of an inspection report that the lead inspector and the named report writers write:
// foreword, overall findings, the narrative of each standard, each judgement and the views of people on
// probation (each section's latest approved version), and recommendations, each addressed to the
// level that can act on it (3.9).
import { getReport, listRecommendations, type Db } from '../db/repositories/index.ts';
import { listSectionVersions } from '../db/repositories/report-writing-repository.ts';
import type { SectionParts } from '../domain/report-writing/sections.ts';

export type RecommendationLevel = 'pdu' | 'region' | 'national';

export interface ReportText {
  foreword?: string;
  overallFindings?: string;
  recommendations: { addressedTo: RecommendationLevel; text: string }[];
  /** Each written section's latest approved text by part, keyed as domain/report-writing/sections.ts names them ("standard-2.1"). */
  sections?: Record<string, SectionParts>;
}

/** The report's written text: what the lead approved of each section, and the recommendations. */
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
