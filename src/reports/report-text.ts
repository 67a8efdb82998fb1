// The words of an inspection report that the lead inspector and the named report writers write:
// foreword, overall findings, the narrative of each standard, each judgement and the views of people on
// probation (each section's latest approved version), and recommendations, each addressed to the
// level that can act on it (3.9). Loaded by src/services/report-loading.ts (getReportText).
import type { SectionParts } from '../domain/report-writing/sections.ts';

export type RecommendationLevel = 'pdu' | 'region' | 'national';

export interface ReportText {
  foreword?: string;
  overallFindings?: string;
  recommendations: { addressedTo: RecommendationLevel; text: string }[];
  /** Each written section's latest approved text by part, keyed as domain/report-writing/sections.ts names them ("standard-2.1"). */
  sections?: Record<string, SectionParts>;
}
