// The SFO review QA demonstration: a year of generated reviews across the regions (the last whole
// business year), a sample for each quarter, and with the demonstration accounts the assessments at
// every stage, each made through the same use cases as the pages: the first quarter released with
// the region's actions and a labelled stand-in review document on three of its reviews, the second signed off, the third moderated with a disagreement left to
// settle, the fourth with drafts, submissions and a blind second reading under way. Labelled as generated.
import { listSfoReviews, listSfoSamples } from '../db/repositories/sfo-repository.ts';
import type { Db } from '../db/repositories/index.ts';
import { DEMO_LEARNING_POINTS, generateSfoReading, generateSfoRegister, varySfoReading } from '../demo/generate-sfo-register.ts';
import { seededRandom } from '../domain/sampling/seeded-random.ts';
import type { Actor } from '../domain/access/permissions.ts';
import { readingFlags } from '../domain/sfo/assessment.ts';
import { writeRegisterCsv } from '../interchange/sfo/register-file.ts';
import { acknowledgeSfoFlags, assignSfoInspector, saveSfoFirstReading, sfoAssessmentView } from './sfo/assessment.ts';
import { addSfoRegionAction } from './sfo/feedback.ts';
import { assignSfoSecondReader, drawSfoModeration, saveSfoSecondReading, settleSfoDisagreement } from './sfo/moderation.ts';
import { importRegister, sfoRegions } from './sfo/register.ts';
import { drawSfoSample } from './sfo/sample.ts';
import { releaseSfoSample, sfoSampleProgress, signOffSfoSample } from './sfo/sign-off.ts';
import { uploadSfoReviewDocument } from './sfo/review-document.ts';
import { demoReviewDocumentPdf } from '../reports/tagged-pdf/demo-review-document-pdf.ts';
import { currentSfoFramework } from './sfo/frameworks.ts';

export interface DemoSfoPeople {
  lead: number;
  inspectors: [number, number];
  /** Staff of a region, who answer its released feedback. */
  regionStaff?: { userId: number; regionId: number };
}

type Stage = 'released' | 'signed-off' | 'moderated' | 'under-way';
const STAGES: Stage[] = ['released', 'signed-off', 'moderated', 'under-way'];

const actorOf = (userId: number, role: Actor['role'], organisationId: number | null = null): Actor => ({ userId, role, organisationId, memberships: new Map() });

/** The last business year that has ended by `today`: 2025 for any day from 1 April 2026 to 31 March 2027. */
export const lastWholeBusinessYear = (today: string): number => Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 4 ? 1 : 2);

/** Loads the SFO demonstration once (nothing when the register already holds reviews); returns lines for the start-up log. */
export async function createDemoSfo(db: Db, today: string, people: DemoSfoPeople | undefined, actor = 'system:demo'): Promise<string[]> {
  const made = await createDemoSfoRegister(db, today, actor);
  if (!made.length || !people) return made;
  for (const quarter of [0, 1, 2, 3]) made.push(...(await stageDemoSfoQuarter(db, quarter, people, today)));
  return made;
}

/** The SFO demonstration's register and quarterly samples, when the register holds no review yet (else nothing); lines for the start-up log. */
export async function createDemoSfoRegister(db: Db, today: string, actor = 'system:demo'): Promise<string[]> {
  if ((await listSfoReviews(db)).length) return [];
  const year = lastWholeBusinessYear(today);
  const regions = await sfoRegions(db);
  const reviews = generateSfoRegister({ seed: 2021, regions, reviews: 260, year });
  await importRegister(db, { fileName: 'demonstration-register.csv', format: 'csv', content: writeRegisterCsv(reviews) }, actor);
  const quarters = [0, 1, 2, 3].map((q) => {
    const from = new Date(Date.UTC(year, 3 + 3 * q, 1));
    const to = new Date(Date.UTC(year, 6 + 3 * q, 0));
    return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  });
  const sampleIds: number[] = [];
  for (const [q, p] of quarters.entries()) sampleIds.push((await drawSfoSample(db, { periodFrom: p.from, periodTo: p.to, share: 0.2, seed: 7 + q }, actor)).sample.id);
  return [`SFO review QA demonstration: ${reviews.length} generated reviews submitted April ${year} to March ${year + 1}, a sample each quarter (samples ${sampleIds.join(', ')})`];
}

/**
 * The assessments of one quarter's sample (0 to 3, the register's samples in the order drawn), at
 * its stage: released, signed off, moderated, under way. The last says what all four hold.
 */
export async function stageDemoSfoQuarter(db: Db, quarter: number, people: DemoSfoPeople, today: string): Promise<string[]> {
  const sampleIds = (await listSfoSamples(db)).map((s) => s.id).sort((a, b) => a - b);
  await stageSample(db, sampleIds[quarter]!, STAGES[quarter]!, people, today, 100 + quarter);
  if (quarter < 3) return [];
  return [`SFO assessments: sample ${sampleIds[0]} released with a region's actions and three review documents (labelled demonstration documents), ${sampleIds[1]} signed off, ${sampleIds[2]} moderated with a disagreement to settle, ${sampleIds[3]} under way (drafts, a blind second reading)`];
}

async function stageSample(db: Db, sampleId: number, stage: Stage, people: DemoSfoPeople, today: string, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const lead = actorOf(people.lead, 'sfo-lead');
  const inspectors = people.inspectors.map((id) => actorOf(id, 'sfo-inspector'));
  const framework = await currentSfoFramework(db);
  const standards = framework.standards.map((s) => ({ id: s.id, name: s.name.text }));
  const reviews = (await sfoSampleProgress(db, sampleId)).reviews;
  const ids: { id: number; inspector: Actor }[] = [];
  for (const [i, r] of reviews.entries()) {
    const inspector = inspectors[i % 2]!;
    const id = await assignSfoInspector(db, sampleId, { reviewRef: r.review.reviewRef, inspectorId: inspector.userId }, lead);
    ids.push({ id, inspector });
    // Under way: a few not begun, some drafts, the rest submitted.
    const part = stage === 'under-way' ? (i % 4 === 3 ? 'not-started' : i % 4 === 2 ? 'draft' : 'submit') : 'submit';
    if (part === 'not-started') continue;
    const reading = generateSfoReading(random, standards, true);
    const flags = readingFlags(framework, reading);
    const learningPoints = [DEMO_LEARNING_POINTS[i % DEMO_LEARNING_POINTS.length]!, DEMO_LEARNING_POINTS[(i + 2) % DEMO_LEARNING_POINTS.length]!].join('\n');
    await saveSfoFirstReading(db, id, { reading, learningPoints, submit: part === 'submit', ...(flags.length ? { acknowledgement: 'The overall rating weighs the review as a whole. [Generated demonstration text]' } : {}) }, inspector);
  }
  const submitted = ids.filter((_, i) => stage !== 'under-way' || i % 4 < 2);
  if (!submitted.length) return;
  const moderation = await drawSfoModeration(db, sampleId, { share: 0.2, seed }, lead);
  const drawn = (await sfoSampleProgress(db, sampleId)).reviews.filter((r) => moderation.drawn.includes(r.review.reviewRef));
  for (const [i, r] of drawn.entries()) {
    const first = ids.find((x) => x.id === r.assessment!.id)!;
    const reader = inspectors.find((x) => x.userId !== first.inspector.userId)!;
    await assignSfoSecondReader(db, first.id, reader.userId, lead);
    const view = await sfoAssessmentView(db, first.id);
    // Moderated: the last disagreement is left for the lead to settle, so its readings must differ.
    const settleAll = stage === 'released' || stage === 'signed-off' || i < drawn.length - 1;
    const secondReading = varySfoReading(random, { standards: Object.fromEntries(Object.entries(view.assessment.reading.standards).map(([k, v]) => [k, { rating: v.rating, rationale: `Second reader: ${v.rationale ?? ''}` }])), overall: view.assessment.reading.overall, overallRationale: view.assessment.reading.overallRationale }, !settleAll);
    // Under way: the second reading saved but not submitted, so the first stays hidden from its reader.
    const submit = stage !== 'under-way' || i > 0;
    const after = await saveSfoSecondReading(db, first.id, { reading: secondReading, submit }, reader);
    for (const d of after.unsettled) {
      if (!settleAll) break;
      await settleSfoDisagreement(db, first.id, { item: d.item, rating: d.second, reason: 'Agreed at moderation: the second reading follows the review more closely. [Generated demonstration text]' }, lead);
    }
    const settled = await sfoAssessmentView(db, first.id);
    if (settled.unacknowledged.length && settled.assessment.state !== 'in-progress') await acknowledgeSfoFlags(db, first.id, 'Agreed at moderation. [Generated demonstration text]', lead);
  }
  if (stage !== 'released' && stage !== 'signed-off') return;
  await signOffSfoSample(db, sampleId, lead);
  if (stage !== 'released') return;
  await releaseSfoSample(db, sampleId, lead);
  await attachDemoDocuments(db, sampleId, people, lead);
  if (!people.regionStaff) return;
  const staff = actorOf(people.regionStaff.userId, 'service-staff', people.regionStaff.regionId);
  const own = (await sfoSampleProgress(db, sampleId)).reviews.filter((r) => r.review.regionId === people.regionStaff!.regionId);
  const due = new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
  for (const r of own.slice(0, 1))
    await addSfoRegionAction(db, r.assessment!.id, { action: 'Brief every SFO review author on the learning points at the next quality meeting. [Generated demonstration text]', owner: 'Head of public protection', dueOn: due }, staff, today);
}

/** A labelled stand-in document on three of the released sample's reviews, the region staff's own first, so the review page and the region's letter have a download. */
async function attachDemoDocuments(db: Db, sampleId: number, people: DemoSfoPeople, lead: Actor): Promise<void> {
  const reviews = (await sfoSampleProgress(db, sampleId)).reviews.map((r) => r.review);
  const own = reviews.filter((r) => r.regionId === people.regionStaff?.regionId);
  const chosen = [...new Set([...own.slice(0, 1), ...reviews])].slice(0, 3);
  for (const r of chosen) await uploadSfoReviewDocument(db, r.id, { fileName: `${r.reviewRef} demonstration review.pdf`, content: await demoReviewDocumentPdf(r) }, lead);
}
