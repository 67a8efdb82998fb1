// A person's own work across inspections: the cases assigned to them and the second assessments
// they are to make, each with how far it has got. Read only; the cases they assess blind are left
// out of the first list (their progress would tell of the first assessment).
import { listCaseWork, listInspections, listSecondAssessments, type Db, type InspectionListItem } from '../db/repositories/index.ts';
import { canOpenArea, type Actor } from '../domain/access/permissions.ts';
import { caseProgress, type CaseProgress } from '../domain/assessment/case-progress.ts';
import { loadAssessment } from './inspections.ts';
import { firstAssessmentAccessOf } from './quality.ts';
import { currentPublication, scopeOf } from './inspection-scope.ts';

export interface OwnInspectionWork {
  inspection: InspectionListItem;
  cases: ({ caseRef: string } & CaseProgress)[];
  seconds: { caseRef: string; state: 'not-started' | 'in-progress' | 'submitted' }[];
}

export async function ownWork(db: Db, actor: Actor): Promise<OwnInspectionWork[]> {
  const publication = await currentPublication(db);
  const inspections = (await listInspections(db)).filter((i) => actor.memberships.has(i.id) && canOpenArea(actor, scopeOf(i, publication), 'cases'));
  const found = await Promise.all(
    inspections.map(async (inspection): Promise<OwnInspectionWork> => {
      const [{ framework, assessment }, work, seconds, access] = await Promise.all([
        loadAssessment(db, inspection.id),
        listCaseWork(db, inspection.id),
        listSecondAssessments(db, inspection.id),
        firstAssessmentAccessOf(db, actor, scopeOf(inspection, publication)),
      ]);
      const mine = new Set(work.filter((w) => w.assignedTo === actor.userId).map((w) => w.caseRef));
      return {
        inspection,
        cases: assessment.cases.filter((x) => mine.has(x.caseRef) && access.mayRead(x.caseRef)).map((x) => ({ caseRef: x.caseRef, ...caseProgress(framework, x) })),
        seconds: seconds
          .filter((s) => s.assessorId === actor.userId)
          .map((s) => ({ caseRef: s.caseRef, state: s.submittedAt ? 'submitted' : s.version > 1 ? 'in-progress' : 'not-started' })),
      };
    }),
  );
  return found.filter((w) => w.cases.length || w.seconds.length).sort((a, b) => b.inspection.fieldworkStart.localeCompare(a.inspection.fieldworkStart));
}
