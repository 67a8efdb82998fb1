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

export interface DemoInspection {
  pduName: string;
  fieldworkStart: string;
  seed: number;
  cases: number;
  /** Shifts every key question's chance of a sufficient judgement (a stronger or weaker PDU). */
  qualityShift?: number;
  withEvidence?: boolean;
  /** Case references led by this and the inspection's id ('D12-001'), rather than 'DEMO-001'. */
  caseRefPrefix?: string;
}

/** A demonstration inspection of the PDU under the default framework, with its generated (labelled) cases saved. */
export async function createDemoInspection(db: Db, demo: DemoInspection, actor = 'system:demo'): Promise<number> {
  const framework = await storedFrameworkByKey(db, DEFAULT_FRAMEWORK);
  const inspection = await createInspection(
    db,
    {
      pduName: demo.pduName,
      frameworkKey: DEFAULT_FRAMEWORK,
      fieldworkStart: demo.fieldworkStart,
      title: `Demonstration inspection: ${demo.pduName} PDU (generated cases)`,
      isDemo: true,
    },
    actor,
  );
  // 3.15: every case that began in a two-week window six months before fieldwork.
  const assessment = generateAssessment(framework, {
    seed: demo.seed,
    cases: demo.cases,
    windowStart: addDays(demo.fieldworkStart, -182),
    ...(demo.caseRefPrefix !== undefined ? { caseRefPrefix: `${demo.caseRefPrefix}${inspection.id}-` } : {}),
    ...(demo.qualityShift !== undefined ? { qualityShift: demo.qualityShift } : {}),
    ...(demo.withEvidence ? { withEvidence: true } : {}),
  });
  await saveAssessments(db, inspection.id, assessment, actor, 'assessments.generated');
  return inspection.id;
}

/** Creates the demonstration inspection if the database has no inspection at all. */
export async function ensureDemoInspection(db: Db, actor = 'system:demo'): Promise<number | undefined> {
  if ((await listInspections(db)).length) return undefined;
  return createDemoInspection(db, { pduName: DEMO.pdu, fieldworkStart: DEMO.fieldworkStart, seed: DEMO.seed, cases: DEMO.cases, withEvidence: true }, actor);
}
