// The words of a PDU inspection report that the lead inspector writes: foreword, overall findings
// and recommendations, each addressed to the level that can act on it (3.9).
import { getReport, listRecommendations, type Db } from '../db/repositories/index.ts';

export type RecommendationLevel = 'pdu' | 'region' | 'national';

export interface ReportText {
  foreword?: string;
  overallFindings?: string;
  recommendations: { addressedTo: RecommendationLevel; text: string }[];
}

/** The text as the lead inspector wrote it on the publication page. */
export async function getReportText(db: Db, inspectionId: number): Promise<ReportText> {
  const [report, recommendations] = await Promise.all([getReport(db, inspectionId), listRecommendations(db, inspectionId)]);
  return {
    ...(report.foreword ? { foreword: report.foreword } : {}),
    ...(report.overallFindings ? { overallFindings: report.overallFindings } : {}),
    recommendations: recommendations.map((r) => ({ addressedTo: r.addressedTo, text: r.text })),
  };
}
