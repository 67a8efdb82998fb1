// Published youth demonstration inspections: three real youth justice services from the registry,
// each inspected by the current youth framework (the newest whose regime inspects youth justice
// services) with generated, labelled court and out-of-court cases, rated by the rating engine from
// those assessments (a weaker, a middling and a stronger service: the chance of a sufficient answer
// differs), signed off, checked for factual accuracy and published, so the public youth ratings,
// the youth open data and a youth annual report have something to show. Fieldwork began in the
// business year before the current one (an inspection belongs to the year its fieldwork began in),
// in its last five months; each report was published eight weeks after fieldwork, or today if that
// is still to come. One service had no custody case: its resettlement standard is not rated.
import { type Db } from '../db/repositories/index.ts';
import { generateFrameworkAssessment } from '../demo/generate-framework-assessment.ts';
import { GENERATED_LABEL } from '../demo/generate-assessment.ts';
import { businessYear, businessYearOf } from '../domain/national/business-year.ts';
import { addDays } from '../domain/sampling/dates.ts';
import { mondayOfWeek } from './demo-fieldwork.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { currentChoice, frameworkChoices } from './inspection-booking.ts';
import { inspectionTimeline, recordMilestoneDone } from './inspection-timeline.ts';
import { createInspection, requireInspection, saveAssessments } from './inspections.ts';
import { signOff } from './lead-inspector.ts';
import { addRecipient, addRecommendationTo, moveReport, saveReportText } from './publication.ts';
import { clock } from './clock.ts';

export interface PublishedYouthDemo {
  /** The youth justice service's name in the registry. */
  service: string;
  seed: number;
  cases: number;
  /** The chance of a sufficient answer to each key question and prompt: how strong the service's work is. */
  sufficient: number;
  /** Moves the lead's judgements (domain one and the standards the lead judges) from the middle of the scale: -1 for a weaker service. */
  judgementShift: number;
  /** A custody case was found, so the resettlement standard is rated. */
  relevantCasesFound: boolean;
  /** Fieldwork began this many weeks before the end of the last business year. */
  weeksBeforeYearEnd: number;
  /** A stored youth framework version (`hmip-youth@2018`); the current one unless given. */
  frameworkKey?: string;
}

export const PUBLISHED_YOUTH: readonly PublishedYouthDemo[] = [
  { service: 'Birmingham', seed: 4101, cases: 20, sufficient: 0.62, judgementShift: -1, relevantCasesFound: true, weeksBeforeYearEnd: 20 },
  { service: 'Surrey', seed: 4102, cases: 18, sufficient: 0.74, judgementShift: 0, relevantCasesFound: false, weeksBeforeYearEnd: 14 },
  { service: 'Swansea', seed: 4103, cases: 18, sufficient: 0.88, judgementShift: 0, relevantCasesFound: true, weeksBeforeYearEnd: 8 },
];

export interface PublishedYouthInspection {
  id: number;
  service: string;
  fieldworkStart: string;
  publishedOn: string;
}

/** Publishes the youth demonstration inspections (none without a youth framework), in PUBLISHED_YOUTH's order. */
export async function createDemoPublishedYouth(db: Db, today = clock.today(), actor = 'system:demo'): Promise<PublishedYouthInspection[]> {
  const made: PublishedYouthInspection[] = [];
  for (const demo of PUBLISHED_YOUTH) {
    const one = await publishDemoYouthInspection(db, demo, today, actor);
    if (!one) return [];
    made.push(one);
  }
  return made;
}

/**
 * One youth inspection by the current youth framework taken from generated cases to publication
 * (undefined without a youth framework). With `embargoUntil` (a date after today) it is embargoed
 * until then instead, a recipient named: not published, so not on the public pages.
 */
export async function publishDemoYouthInspection(db: Db, demo: PublishedYouthDemo, today = clock.today(), actor = 'system:demo', embargoUntil?: string): Promise<PublishedYouthInspection | undefined> {
  const choice = currentChoice(await frameworkChoices(db), 'youth-service');
  if (!choice) return undefined;
  const framework = await storedFrameworkByKey(db, demo.frameworkKey ?? choice.key);
  const yearEnd = businessYear(businessYearOf(today).start - 1).to;
  const fieldworkStart = mondayOfWeek(addDays(yearEnd, -7 * demo.weeksBeforeYearEnd));
  const inspection = await createInspection(
    db,
    { pduName: demo.service, frameworkKey: framework.key, fieldworkStart, title: `Demonstration inspection: youth justice services in ${demo.service} (generated cases)`, isDemo: true },
    actor,
  );
  const id = inspection.id;
  const assessment = generateFrameworkAssessment(framework, {
    seed: demo.seed,
    cases: demo.cases,
    caseRefPrefix: `Y${id}-`,
    windowStart: addDays(fieldworkStart, -182),
    sufficient: demo.sufficient,
    judgementShift: demo.judgementShift,
    relevantCasesFound: demo.relevantCasesFound,
  });
  await saveAssessments(db, id, assessment, actor, 'assessments.generated');
  // The notice went and fieldwork happened on their dates.
  for (const m of (await inspectionTimeline(db, inspection, today)).milestones)
    if (m.byHand && m.date <= today) await recordMilestoneDone(db, id, { milestone: m.key, on: m.date }, actor, today);
  await signOff(db, id, actor);

  const input = { inspectionId: id };
  await saveReportText(db, { ...input, foreword: `${GENERATED_LABEL} Foreword.`, overallFindings: `${GENERATED_LABEL} Overall findings for ${demo.service} youth justice service.` }, actor);
  await addRecommendationTo(db, { ...input, addressedTo: 'pdu', text: `${GENERATED_LABEL} Make sure every child's assessment considers their safety and wellbeing.` }, actor);
  await addRecommendationTo(db, { ...input, addressedTo: 'region', text: `${GENERATED_LABEL} Make sure children's education, training and employment needs are met.` }, actor);
  const end = (await requireInspection(db, id)).fieldworkEnd;
  const publishedOn = embargoUntil ?? (addDays(end, 56) < today ? addDays(end, 56) : today);
  const checked = addDays(end, 28) < today ? addDays(end, 28) : today;
  await moveReport(db, { ...input, to: 'factual-accuracy' }, actor, checked);
  if (embargoUntil) {
    await addRecipient(db, { ...input, name: 'Head of the youth justice service (demonstration)', email: 'yjs-head@demo.inspectorate.local', organisation: `${demo.service} youth justice service` }, actor);
    await moveReport(db, { ...input, to: 'embargoed', publishOn: embargoUntil }, actor, today);
  }
  // Else published on the day, with no embargo: no email of a publication in the past could have been sent.
  else await moveReport(db, { ...input, to: 'published' }, actor, publishedOn);
  return { id, service: demo.service, fieldworkStart, publishedOn };
}
