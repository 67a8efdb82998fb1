// A published inspection's report for the public pages: loaded only once its publication date has
// come (before then there is nothing to show, so the public routes answer 404).
import type { Db } from '../db/repositories/index.ts';
import { currentPublication } from '../services/inspection-scope.ts';
import { loadPduReport, type LoadedReport } from './load-report.ts';

export async function loadPublishedReport(db: Db, inspectionId: number): Promise<(LoadedReport & { publishOn: string | null }) | undefined> {
  const { published, publishOn } = await currentPublication(db);
  if (!published.has(inspectionId)) return undefined;
  return { ...(await loadPduReport(db, inspectionId)), publishOn: publishOn.get(inspectionId) ?? null };
}
