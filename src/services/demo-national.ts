// Demonstration data for national reporting: two business years of published PDU inspections
// (generated, labelled cases) taken through the real workflow (assessed, signed off, checked for
// factual accuracy, published on a date that has passed), half of them with a people-on-probation
// survey run before sign-off (generated contacts and replies, demo-survey.ts), and an annual report
// built from them; and a draft annual report of the youth justice inspections published for the
// last business year (demo-youth-published.ts makes them). Loaded by `npm start` into a new
// database (demo-data.ts).
import { listRegionsWithPdus, type Db } from '../db/repositories/index.ts';
import { GENERATED_LABEL } from '../demo/generate-assessment.ts';
import { businessYear, businessYearOf } from '../domain/national/business-year.ts';
import { defaultFramework } from '../reference/frameworks.ts';
import { createDemoInspection, DEMO } from './demo.ts';
import { storedFrameworkByKey } from './frameworks.ts';
import { addDays } from './inspections.ts';
import { signOff } from './lead-inspector.ts';
import { createAnnualReport, reportableYears } from './national-reports.ts';
import { addRecipient, addRecommendationTo, moveReport, saveReportText } from './publication.ts';
import { clock } from './clock.ts';
import { runDemoSurvey } from './survey/demo-survey.ts';

export interface PublishedDemo {
  pduName: string;
  fieldworkStart: string;
  seed: number;
  cases: number;
  /** Shifts every key question's chance of a sufficient judgement (a stronger or weaker PDU). */
  qualityShift?: number;
  /** Run a survey of this many generated people, numbered from `phoneOffset` (demoPhone), before sign-off. */
  survey?: { people: number; phoneOffset: number };
  /** A publication date still to come: the report is embargoed until then (a recipient named) rather than published. */
  publishOn?: string;
}

/**
 * One PDU inspection taken from generated cases to publication, with dates as they would have
 * passed: factual accuracy a month after fieldwork, published two months after.
 */
export async function publishDemoInspection(db: Db, demo: PublishedDemo, actor = 'system:demo'): Promise<number> {
  const id = await createDemoInspection(db, { pduName: demo.pduName, fieldworkStart: demo.fieldworkStart, seed: demo.seed, cases: demo.cases, caseRefPrefix: 'D', ...(demo.qualityShift !== undefined ? { qualityShift: demo.qualityShift } : {}) }, actor);
  if (demo.survey) await runDemoSurvey(db, id, { ...demo.survey, seed: demo.seed, ...(demo.qualityShift !== undefined ? { qualityShift: demo.qualityShift } : {}) }, actor);
  await signOff(db, id, actor);
  const input = { inspectionId: id };
  await saveReportText(db, { ...input, foreword: `${GENERATED_LABEL} Foreword.`, overallFindings: `${GENERATED_LABEL} Overall findings for ${demo.pduName} PDU.` }, actor);
  await addRecommendationTo(db, { ...input, addressedTo: 'pdu', text: `${GENERATED_LABEL} Improve the quality of work to keep people safe.` }, actor);
  await addRecommendationTo(db, { ...input, addressedTo: 'region', text: `${GENERATED_LABEL} Make sure staff have manageable workloads.` }, actor);
  const end = addDays(demo.fieldworkStart, 4);
  await moveReport(db, { ...input, to: 'factual-accuracy' }, actor, addDays(end, 30));
  if (demo.publishOn) {
    await addRecipient(db, { ...input, name: 'Regional Probation Director (demonstration)', email: 'rpd@demo.inspectorate.local', organisation: 'Probation Service' }, actor);
    await moveReport(db, { ...input, to: 'embargoed', publishOn: demo.publishOn }, actor);
  }
  // Else published on the day, with no embargo: an embargo emails its recipients, and no email of a
  // publication in the past could have been sent.
  else await moveReport(db, { ...input, to: 'published' }, actor, addDays(end, 60));
  return id;
}

/** Fieldwork on Mondays spread across the business year. */
const mondayIn = (start: number, index: number, of: number): string => {
  const from = businessYear(start).from;
  const day = addDays(from, Math.floor((index * 330) / of) + 7);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, (8 - weekday) % 7);
};

/** The surveys' generated numbers start here (07700 900500), clear of those tests and people trying the survey use first. */
const SURVEY_PHONES_FROM = 500;

/**
 * Published inspections of PDUs in four regions for the two business years before the current
 * one, every other one surveyed, and a draft annual report for the later year. Skips PDUs with no
 * name in the registry.
 */
export async function createDemoNationalYears(db: Db, today = clock.today(), actor = 'system:demo'): Promise<{ inspections: number; surveys: number; annualReport: number | null }> {
  const plan = await planDemoNationalYears(db, today);
  for (const demo of plan) await publishDemoInspection(db, demo, actor);
  const annualReport = plan.length ? await createDemoNationalAnnualReport(db, today, actor) : null;
  return { inspections: plan.length, surveys: plan.filter((d) => d.survey).length, annualReport };
}

/** The inspections createDemoNationalYears publishes, in order: the same for the same reference data and business year. */
export async function planDemoNationalYears(db: Db, today: string): Promise<PublishedDemo[]> {
  const current = businessYearOf(today).start;
  const regions = (await listRegionsWithPdus(db)).filter((r) => r.pdus.length >= 4).slice(0, 4);
  const plan: PublishedDemo[] = [];
  let seed = 500;
  for (const [yearIndex, start] of [current - 2, current - 1].entries()) {
    const chosen = regions.flatMap((r) => r.pdus.filter((p) => p.name !== DEMO.pdu).slice(yearIndex * 2, yearIndex * 2 + 2));
    chosen.forEach((pdu, i) =>
      plan.push({ pduName: pdu.name, fieldworkStart: mondayIn(start, i, chosen.length), seed: seed++, cases: 24 + (seed % 4) * 4, qualityShift: ((seed % 5) - 2) / 20 }),
    );
  }
  // Every other inspection has a survey of 40 to 60 people, each with numbers of its own.
  let phones = SURVEY_PHONES_FROM;
  for (const [i, demo] of plan.entries())
    if (i % 2 === 0) {
      demo.survey = { people: 40 + (demo.seed % 3) * 10, phoneOffset: phones };
      phones += demo.survey.people;
    }
  return plan;
}

/** The draft annual report of the last business year's published PDU inspections. */
export async function createDemoNationalAnnualReport(db: Db, today: string, actor = 'system:demo'): Promise<number> {
  const framework = await storedFrameworkByKey(db, defaultFramework());
  return createAnnualReport(db, { year: String(businessYearOf(today).start - 1), framework: framework.key }, actor);
}

/**
 * A draft annual report of the youth justice inspections with fieldwork in the last business year,
 * as the PDU one is made, once they are published; null when none is.
 */
export async function createDemoYouthAnnualReport(db: Db, today = clock.today(), actor = 'system:demo'): Promise<number | null> {
  const year = businessYear(businessYearOf(today).start - 1);
  const years = await reportableYears(db);
  if (!years.some((y) => y.year.start === year.start && y.frameworks.some((f) => f.kind === 'youth-service'))) return null;
  return createAnnualReport(db, { year: year.label, kind: 'youth-service' }, actor);
}
