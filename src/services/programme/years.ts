// Programme years (e.g. 2027/28): the resource for thematic inspections and research, which PDU
// cycle year and youth selection the year's core programme comes from, and the candidate thematic
// and research topics, scored against the published criteria, ranked and fitted to the resource.
import { z } from 'zod';
import {
  deleteProgrammeTopic,
  findProgrammeYearByLabel,
  getCycleRevision,
  getProgrammeTopic,
  getProgrammeYear,
  getYouthSelection,
  insertConsultationQuestion,
  insertProgrammeTopic,
  insertProgrammeYear,
  listProgrammeTopics,
  listProgrammeYears,
  recordAudit,
  updateProgrammeTopic,
  updateProgrammeYear,
  inTransaction,
  type Db,
  type ProgrammeTopic,
  type ProgrammeYear,
} from '../../db/repositories/index.ts';
import type { CyclePlan } from '../../domain/programme/cycle-types.ts';
import { optionalRealDate, requiredRealDate } from './dates.ts';
import { planTopics, type CandidateTopic, type CriterionScore, type TopicPlan, type TopicResult } from '../../domain/programme/thematic-topics.ts';
import { AppError } from '../errors.ts';
import { parseFields, plannerProblems, ProgrammeFieldError } from './errors.ts';
import { defaultQuestions } from './consultation-questions.ts';
import { criteriaFor, TOPIC_KINDS } from '../../domain/programme/programme-words.ts';
import { clock } from '../clock.ts';

const whole = (label: string, min: number, max: number) =>
  z.union([z.number(), z.string()], { message: `Enter ${label.toLowerCase()}` }).transform((v, ctx) => {
    const text = String(v).trim();
    const n = Number(text);
    if (!text || !Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a whole number from ${min} to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const optionalId = z
  .union([z.number(), z.string()])
  .optional()
  .transform((v) => (v === undefined || String(v).trim() === '' ? null : Number(String(v).trim())));

const optionalDate = (label: string) => optionalRealDate(`${label} must be a real date, like 2027-02-26`);

const YearSettingsSchema = z.object({
  fieldworkSlots: whole('Thematic inspections with fieldwork', 0, 100),
  desktopSlots: whole('Desktop exercises', 0, 100),
  researchSlots: whole('Research projects', 0, 100),
  cycleId: optionalId,
  cycleYear: optionalId,
  youthSelectionId: optionalId,
  consultationCloses: optionalDate('The closing date'),
});

const NewYearSchema = z
  .object({
    label: z
      .string({ message: 'Enter the programme year, like 2027/28' })
      .trim()
      .regex(/^\d{4}\/\d{2}$/, 'Enter the programme year like 2027/28')
      .refine((l) => (Number(l.slice(0, 4)) + 1) % 100 === Number(l.slice(5)), 'The programme year must run into the next year, like 2027/28'),
    startsOn: requiredRealDate('the first day of the programme year', '2027-04-01'),
  })
  .and(YearSettingsSchema);

/** Checks the year's links: the cycle (and which of its years), the youth selection. */
async function checkLinks(db: Db, startsOn: string, s: z.output<typeof YearSettingsSchema>) {
  let cycleYear = s.cycleYear;
  if (s.cycleId !== null) {
    const revision = await getCycleRevision(db, s.cycleId);
    if (!revision) throw new ProgrammeFieldError([{ field: 'cycleId', message: `There is no PDU cycle ${s.cycleId}` }]);
    const years = (revision.plan as CyclePlan).years;
    if (cycleYear === null) cycleYear = years.find((y) => y.start <= startsOn && startsOn < y.end)?.year ?? years.find((y) => y.start > startsOn)?.year ?? null;
    if (cycleYear === null || !years.some((y) => y.year === cycleYear))
      throw new ProgrammeFieldError([{ field: 'cycleYear', message: `Select a year of the cycle, 1 to ${years.length}` }]);
  } else cycleYear = null;
  if (s.youthSelectionId !== null && !(await getYouthSelection(db, s.youthSelectionId)))
    throw new ProgrammeFieldError([{ field: 'youthSelectionId', message: `There is no youth selection ${s.youthSelectionId}` }]);
  return { ...s, cycleYear };
}

/** Starts a programme year, with the consultation's questions in their usual wording (editable). */
export async function createProgrammeYear(db: Db, raw: unknown, actor: string): Promise<number> {
  const input = parseFields(NewYearSchema, raw);
  if (await findProgrammeYearByLabel(db, input.label)) throw new ProgrammeFieldError([{ field: 'label', message: `There is already a programme year ${input.label}` }]);
  const settings = await checkLinks(db, input.startsOn, input);
  return inTransaction(db, async (trx) => {
    const id = await insertProgrammeYear(trx, { label: input.label, startsOn: input.startsOn, createdBy: actor, ...settings });
    const questions = defaultQuestions(input.label);
    for (const [i, q] of questions.entries()) await insertConsultationQuestion(trx, { yearId: id, section: q.section, position: i + 1, text: q.text, guidance: q.guidance, updatedBy: actor });
    await recordAudit(trx, { actor, action: 'programme-year.created', entity: 'programme-year', entityId: id, after: { label: input.label, startsOn: input.startsOn, ...settings, questions: questions.length } });
    return id;
  });
}

export async function requireProgrammeYear(db: Db, id: number): Promise<ProgrammeYear> {
  const year = await getProgrammeYear(db, id);
  if (!year) throw new AppError('not-found', `There is no programme year ${id}`);
  return year;
}

export const listYears = listProgrammeYears;

/** The programme year with that label, like 2027/28. */
export const yearLabelled = (db: Db, label: string): Promise<ProgrammeYear | undefined> => findProgrammeYearByLabel(db, label);

export async function updateYearSettings(db: Db, id: number, raw: unknown, actor: string): Promise<void> {
  const year = await requireProgrammeYear(db, id);
  const settings = await checkLinks(db, year.startsOn, parseFields(YearSettingsSchema, raw));
  await inTransaction(db, async (trx) => {
    await updateProgrammeYear(trx, id, settings);
    const { id: _id, label: _l, startsOn: _s, createdBy: _c, createdAt: _a, ...before } = year;
    await recordAudit(trx, { actor, action: 'programme-year.settings-changed', entity: 'programme-year', entityId: id, before, after: settings });
  });
}

const TopicSchema = z
  .object({
    title: z.string({ message: 'Enter the topic' }).trim().min(1, 'Enter the topic').max(200, 'The topic must be 200 characters or fewer'),
    kind: z.enum(TOPIC_KINDS, { message: 'Select whether it is a thematic with fieldwork, a desktop exercise or research' }),
    size: whole('Slots it takes', 1, 20).optional().default(1),
    committed: z.enum(['yes', 'no'], { message: 'Select whether the topic is already committed' }).optional().default('no'),
    jointWith: z.string().trim().max(500, 'Partners must be 500 characters or fewer').optional().default(''),
    summary: z.string().trim().max(5000, 'The summary must be 5,000 characters or fewer').optional().default(''),
    scores: z.record(z.string(), z.union([z.string(), z.number()])).optional().default({}),
  })
  .transform((t, ctx) => {
    const criteria = criteriaFor(t.kind);
    const scores: Record<string, number> = {};
    for (const [id, raw] of Object.entries(t.scores)) {
      if (raw === '' || raw === undefined) continue;
      const criterion = criteria.find((c) => c.id === id);
      if (!criterion) continue; // a score for the other kind's criteria, left from the form
      const n = Number(raw);
      if (![0, 1, 2, 3].includes(n)) {
        ctx.addIssue({ code: 'custom', path: [`score-${id}`], message: `Score "${criterion.text}" from 0 to 3` });
        continue;
      }
      scores[id] = n;
    }
    return { ...t, scores };
  });

/** Form fields score-<criterion> become the schema's `scores`. */
export function topicFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const scores: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('score-')) scores[k.slice(6)] = v;
  return { ...body, scores };
}

/** Adds a candidate topic (topicId null) or changes one. */
export async function saveTopic(db: Db, yearId: number, topicId: number | null, raw: unknown, actor: string): Promise<number> {
  await requireProgrammeYear(db, yearId);
  const t = parseFields(TopicSchema, raw);
  const before = topicId === null ? undefined : await requireTopic(db, yearId, topicId);
  const record = {
    yearId,
    title: t.title,
    slot: t.kind,
    size: t.size,
    scores: t.scores,
    committed: t.committed === 'yes',
    jointWith: t.jointWith || null,
    summary: t.summary || null,
    updatedBy: actor,
  };
  return inTransaction(db, async (trx) => {
    const id = topicId === null ? await insertProgrammeTopic(trx, record) : (await updateProgrammeTopic(trx, topicId, record), topicId);
    await recordAudit(trx, {
      actor,
      action: topicId === null ? 'programme-topic.added' : 'programme-topic.changed',
      entity: 'programme-topic',
      entityId: id,
      before: before && topicAudit(before),
      after: topicAudit({ ...record, id, updatedAt: clock.now() }),
    });
    return id;
  });
}

const topicAudit = (t: ProgrammeTopic) => ({ yearId: t.yearId, title: t.title, kind: t.slot, size: t.size, scores: t.scores, committed: t.committed, jointWith: t.jointWith, summary: t.summary });

export async function requireTopic(db: Db, yearId: number, topicId: number): Promise<ProgrammeTopic> {
  const topic = await getProgrammeTopic(db, topicId);
  if (!topic || topic.yearId !== yearId) throw new AppError('not-found', `There is no topic ${topicId} in this programme year`);
  return topic;
}

export async function removeTopic(db: Db, yearId: number, topicId: number, actor: string): Promise<void> {
  const topic = await requireTopic(db, yearId, topicId);
  await inTransaction(db, async (trx) => {
    await deleteProgrammeTopic(trx, topicId);
    await recordAudit(trx, { actor, action: 'programme-topic.removed', entity: 'programme-topic', entityId: topicId, before: topicAudit(topic) });
  });
}

export interface RankedTopic extends TopicResult {
  topic: ProgrammeTopic;
}

const topicKey = (id: number) => `topic-${String(id).padStart(8, '0')}`;

/** The year's topics ranked and fitted to its resource, each with its explanation. */
export function rankTopics(year: ProgrammeYear, topics: readonly ProgrammeTopic[]): { plan: TopicPlan; ranked: RankedTopic[] } {
  const candidates: CandidateTopic[] = topics.map((t) => ({
    id: topicKey(t.id),
    title: t.title,
    kind: t.slot === 'research' ? 'research' : 'thematic',
    needs: t.slot,
    size: t.size,
    scores: t.scores as Record<string, CriterionScore>,
    committed: t.committed,
    ...(t.jointWith ? { jointWith: t.jointWith.split(',').map((s) => s.trim()) } : {}),
  }));
  const plan = plannerProblems('topics', () => planTopics({ topics: candidates, resource: { fieldwork: year.fieldworkSlots, desktop: year.desktopSlots, research: year.researchSlots } }));
  const byKey = new Map(topics.map((t) => [topicKey(t.id), t]));
  return { plan, ranked: plan.topics.map((r) => ({ ...r, topic: byKey.get(r.id)! })) };
}

export async function yearTopics(db: Db, yearId: number) {
  const year = await requireProgrammeYear(db, yearId);
  const topics = await listProgrammeTopics(db, yearId);
  return { year, topics, ...rankTopics(year, topics) };
}
