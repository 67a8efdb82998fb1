// What the inspected service has to do for its inspection, and how far it has got: the facts its
// own page (the service's tasks) is drawn from.
import { getCaseSample, getSurveyByInspection, listCaseWork, type Db } from '../db/repositories/index.ts';
import type { ServiceTaskFacts } from '../domain/publication/service-tasks.ts';
import { actionPlan } from './action-plan.ts';
import { frameworkOf, requireInspection } from './inspections.ts';
import { reportOverview } from './publication.ts';

export async function serviceTaskFacts(db: Db, inspectionId: number): Promise<ServiceTaskFacts> {
  const [sample, survey, overview, plan, cases, framework] = await Promise.all([
    getCaseSample(db, inspectionId),
    getSurveyByInspection(db, inspectionId),
    reportOverview(db, inspectionId),
    actionPlan(db, inspectionId),
    listCaseWork(db, inspectionId),
    requireInspection(db, inspectionId).then((i) => frameworkOf(db, i)),
  ]);
  return {
    reportStatus: overview.report.status,
    // Cases already in the inspection (a sample imported whole) mean the caseload is no longer asked for.
    caseload: sample?.status === 'confirmed' || cases.length > 0 ? 'confirmed' : sample?.caseloadUploadedAt ? 'uploaded' : 'not-uploaded',
    contacts: survey?.contactsUploadedAt ? 'uploaded' : 'not-uploaded',
    comments: { sent: overview.comments.length, decided: overview.comments.filter((c) => c.decision).length },
    recommendations: { total: plan.recommendations.length, answered: plan.recommendations.filter((r) => r.response).length },
    people: framework.regime.people.plural,
    survey: !!framework.definition.questionnaire,
  };
}
