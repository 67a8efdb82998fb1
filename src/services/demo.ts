// Demonstration inspections of generated (labelled) cases: the building block of the demonstration
// data `npm start` loads into an empty database (demo-data.ts), and of the tests' fixtures.
import { listInspections, type Db } from '../db/repositories/index.ts';
import { inspectionTimeline, recordMilestoneDone } from './inspection-timeline.ts';
import { clock } from './clock.ts';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { fieldworkPlan, withStandardsDone } from '../demo/fieldwork-progress.ts';
import { generateAssessment } from '../demo/generate-assessment.ts';
import { defaultFramework } from '../reference/frameworks.ts';
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
  /** Still in fieldwork: cases part-way through assessment (fieldworkPlan) and only the first domain-one standard rated. */
  inFieldwork?: boolean;
}

/** The inspection's generated cases and judgements, every case fully assessed: the same for the same inspection every time. */
export function generateDemoCases(framework: Framework, demo: DemoInspection, inspectionId: number): InspectionAssessment {
  // 3.15: every case that began in a two-week window six months before fieldwork.
  return generateAssessment(framework, {
    seed: demo.seed,
    cases: demo.cases,
    windowStart: addDays(demo.fieldworkStart, -182),
    ...(demo.caseRefPrefix !== undefined ? { caseRefPrefix: `${demo.caseRefPrefix}${inspectionId}-` } : {}),
    ...(demo.qualityShift !== undefined ? { qualityShift: demo.qualityShift } : {}),
    ...(demo.withEvidence ? { withEvidence: true } : {}),
  });
}

/** The assessments as recorded so far in fieldwork: each case as far as fieldworkPlan has it, one domain-one rating made. */
function assessedSoFar(framework: Framework, full: InspectionAssessment): InspectionAssessment {
  const plans = new Map(fieldworkPlan(full.cases.map((c) => c.caseRef)).map((p) => [p.caseRef, p]));
  const firstRated = framework.judgementStandards[0]?.id;
  return {
    ...full,
    cases: full.cases.map((c) => {
      const plan = plans.get(c.caseRef)!;
      return plan.progress === 'complete' ? c : withStandardsDone(framework, c, plan.standardsDone);
    }),
    judgements: Object.fromEntries(Object.entries(full.judgements).filter(([id]) => id === firstRated)),
  };
}

/** A demonstration inspection of the PDU under the default framework, with its generated (labelled) cases saved. */
export async function createDemoInspection(db: Db, demo: DemoInspection, actor = 'system:demo'): Promise<number> {
  const framework = await storedFrameworkByKey(db, defaultFramework());
  const inspection = await createInspection(
    db,
    {
      pduName: demo.pduName,
      frameworkKey: defaultFramework(),
      fieldworkStart: demo.fieldworkStart,
      title: `Demonstration inspection: ${demo.pduName} PDU (generated cases)`,
      isDemo: true,
    },
    actor,
  );
  const generated = generateDemoCases(framework, demo, inspection.id);
  const assessment = demo.inFieldwork ? assessedSoFar(framework, generated) : generated;
  await saveAssessments(db, inspection.id, assessment, actor, 'assessments.generated');
  // The notice went and fieldwork happened on their dates, as far as they have passed.
  for (const m of (await inspectionTimeline(db, inspection)).milestones)
    if (m.byHand && m.date <= clock.today()) await recordMilestoneDone(db, inspection.id, { milestone: m.key, on: m.date }, actor);
  return inspection.id;
}

/**
 * The Leeds demonstration inspection with all 40 generated cases assessed (and nothing else), if the
 * database has no inspection at all: the fixture many tests build on. `npm start` loads the fuller
 * demonstration data instead (demo-data.ts), whose Leeds inspection is still in fieldwork.
 */
export async function ensureDemoInspection(db: Db, actor = 'system:demo'): Promise<number | undefined> {
  if ((await listInspections(db)).length) return undefined;
  return createDemoInspection(db, { pduName: DEMO.pdu, fieldworkStart: DEMO.fieldworkStart, seed: DEMO.seed, cases: DEMO.cases, withEvidence: true }, actor);
}
