// The demonstration inspection `npm start` loads into an empty database, so a new user sees
// ratings and their explanations at once. Its cases are generated and labelled as such.
import { listInspections, type Db } from '../db/repositories/index.ts';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { DEFAULT_FRAMEWORK } from '../reference/frameworks.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { addDays, createInspection, saveAssessments } from './inspections.ts';

export const DEMO = {
  pdu: 'Leeds',
  fieldworkStart: '2026-10-05',
  cases: 40,
  seed: 2021,
} as const;

/** Creates the demonstration inspection if the database has no inspection at all. */
export async function ensureDemoInspection(db: Db, actor = 'system:demo'): Promise<number | undefined> {
  if ((await listInspections(db)).length) return undefined;
  const framework = await storedFrameworkByKey(db, DEFAULT_FRAMEWORK);
  const inspection = await createInspection(
    db,
    {
      pduName: DEMO.pdu,
      frameworkKey: DEFAULT_FRAMEWORK,
      fieldworkStart: DEMO.fieldworkStart,
      title: `Demonstration inspection: ${DEMO.pdu} PDU (generated cases)`,
      isDemo: true,
    },
    actor,
  );
  // 3.15: every case that began in a two-week window six months before fieldwork.
  const windowStart = addDays(DEMO.fieldworkStart, -182);
  const assessment = generateAssessment(framework, { seed: DEMO.seed, cases: DEMO.cases, windowStart, withEvidence: true });
  await saveAssessments(db, inspection.id, assessment, actor, 'assessments.generated');
  return inspection.id;
}
