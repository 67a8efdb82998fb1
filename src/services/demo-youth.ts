// The youth demonstration: an inspection of a real youth justice service from the registry (Leeds)
// by the current youth framework (the newest whose regime inspects youth justice services), in
// fieldwork this week, with generated and labelled court and out-of-court cases (every case
// assessed, domain one, 3.4 and the resettlement standard rated: a custody case was found), so a
// newcomer can open a youth inspection's cases and report. The demonstration lead inspector leads
// it when the demonstration accounts exist. One createInspection and one saveAssessments (the
// assessments written in bulk, in one transaction with the audit event).
import { findUserCredentials, setInspectionMember, recordAudit, inTransaction, type Db } from '../db/repositories/index.ts';
import { generateFrameworkAssessment } from '../demo/generate-framework-assessment.ts';
import { mondayOfWeek } from './demo-fieldwork.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { currentChoice, frameworkChoices } from './inspection-booking.ts';
import { addDays, createInspection, saveAssessments } from './inspections.ts';

export const DEMO_YOUTH = { service: 'Leeds', seed: 2024, cases: 24, lead: 'lead@demo.inspectorate.local' } as const;

/** Creates the youth demonstration inspection; what was made, in a line for the start-up log (or why not). */
export async function createDemoYouthInspection(db: Db, today: string, actor = 'system:demo'): Promise<string> {
  const choice = currentChoice(await frameworkChoices(db), 'youth-service');
  if (!choice) return 'No youth demonstration inspection: no framework for youth justice services is stored';
  const framework = await storedFrameworkByKey(db, choice.key);
  const fieldworkStart = mondayOfWeek(today);
  const inspection = await createInspection(
    db,
    {
      pduName: DEMO_YOUTH.service,
      frameworkKey: choice.key,
      fieldworkStart,
      title: `Demonstration inspection: youth justice services in ${DEMO_YOUTH.service} (generated cases)`,
      isDemo: true,
    },
    actor,
  );
  const assessment = generateFrameworkAssessment(framework, {
    seed: DEMO_YOUTH.seed,
    cases: DEMO_YOUTH.cases,
    caseRefPrefix: `Y${inspection.id}-`,
    windowStart: addDays(fieldworkStart, -182),
    relevantCasesFound: true,
  });
  await saveAssessments(db, inspection.id, assessment, actor, 'assessments.generated');
  const lead = await findUserCredentials(db, DEMO_YOUTH.lead);
  if (lead)
    await inTransaction(db, async (trx) => {
      await setInspectionMember(trx, inspection.id, lead.user.id, 'lead-inspector');
      await recordAudit(trx, { actor, action: 'inspection.member-set', entity: 'inspection', entityId: inspection.id, inspectionId: inspection.id, after: { userId: lead.user.id, role: 'lead-inspector' } });
    });
  return `Demonstration inspection ${inspection.id} (${DEMO_YOUTH.service} youth justice service, ${framework.key}) created with ${DEMO_YOUTH.cases} generated court and out-of-court cases, in fieldwork${lead ? `, led by ${lead.user.displayName}` : ''}`;
}
