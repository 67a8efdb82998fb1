// The annual consultation on the programme: the coming year's programme set out as a document (PDU
// inspections from the linked cycle year, youth justice services from the linked selection,
// thematic and research topics as ranked and fitted), with its questions, which are data stored
// with the year and editable, and the responses recorded against each question.
import { z } from 'zod';
import {
  deleteConsultationQuestion,
  getConsultationQuestion,
  getCycleRevision,
  insertConsultationQuestion,
  insertConsultationResponse,
  listConsultationQuestions,
  listConsultationResponses,
  listProgrammeTopics,
  recordAudit,
  updateConsultationQuestion,
  inTransaction,
  type ConsultationQuestion,
  type ConsultationResponse,
  type Db,
  type ProgrammeYear,
} from '../../db/repositories/index.ts';
import type { ConsultationSection } from '../../db/schema-programme.ts';
import type { CycleInput, CyclePlan } from '../../domain/programme/cycle-types.ts';
import type { Block } from '../../domain/programme/document-blocks.ts';
import { MONTHS } from '../../domain/sampling/dates.ts';
import { isRealDate } from './dates.ts';
import { RESEARCH_CRITERIA, THEMATIC_CRITERIA } from '../../domain/programme/thematic-topics.ts';
import { AppError } from '../errors.ts';
import { SECTION_NAMES, yearNames } from './consultation-questions.ts';
import { parseFields, ProgrammeFieldError } from './errors.ts';
import { rankTopics, requireProgrammeYear } from './years.ts';
import { getStoredSelection } from './youth.ts';
import { clock } from '../clock.ts';

export const SECTIONS: readonly ConsultationSection[] = ['core', 'thematic', 'future-thematic', 'research'];
export { SECTION_NAMES };

export type { Block };

export interface ConsultationDocument {
  title: string;
  year: ProgrammeYear;
  sections: { heading: string; blocks: Block[] }[];
  closing: string[];
  /** For the planners, not the document: what the programme behind it leaves unresolved. */
  warnings: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const monthOf = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const longDate = (iso: string) => `${Number(iso.slice(8, 10))} ${monthOf(iso)}`;

/** Guidance text: plain lines are paragraphs, lines starting "- " are the points of a list. */
export function guidanceBlocks(text: string | null): Block[] {
  const blocks: Block[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('- ')) {
      const last = blocks.at(-1);
      if (last?.type === 'list') last.items.push(line.slice(2));
      else blocks.push({ type: 'list', items: [line.slice(2)] });
    } else blocks.push({ type: 'paragraph', text: line });
  }
  return blocks;
}

async function pduBlocks(db: Db, year: ProgrammeYear, label: string, warnings: string[]): Promise<Block[]> {
  const blocks: Block[] = [{ type: 'subheading', text: 'Adult probation inspections' }];
  const revision = year.cycleId === null ? undefined : await getCycleRevision(db, year.cycleId);
  if (!revision || year.cycleYear === null) {
    warnings.push('No PDU cycle is linked to this year: link one in the year\'s settings');
    return [...blocks, { type: 'paragraph', text: `The programme of PDU inspections for ${label} has not been planned yet.` }];
  }
  const plan = revision.plan as CyclePlan;
  const input = revision.input as CycleInput;
  const inYear = plan.bookings.filter((b) => b.year === year.cycleYear);
  const cycle = inYear.filter((b) => b.kind === 'inspection');
  const returns = inYear.filter((b) => b.kind === 'return-inspection');
  const regions = new Set(inYear.filter((b) => b.kind === 'fact-finding').map((b) => b.region));
  const unmet = plan.unmet.filter((u) => u.year === undefined || u.year === year.cycleYear);
  if (unmet.length) warnings.push(`The PDU plan (cycle ${year.cycleId}, revision ${revision.revision}) leaves ${plural(unmet.length, 'rule')} unmet: ${unmet.map((u) => u.detail).join('; ')}`);
  blocks.push({
    type: 'paragraph',
    text: `We intend to conduct ${plural(cycle.length + returns.length, 'PDU inspection')} in ${label}: ${cycle.length} as part of our ${input.years}-year cycle, in which we inspect a share of the PDUs in each region every year so that senior officials have a regional, as well as local, perspective every year${returns.length ? `, and ${plural(returns.length, 'return inspection')} of PDUs rated Inadequate at their last inspection` : ''}.`,
  });
  if (regions.size) blocks.push({ type: 'paragraph', text: `Alongside these, we will hold a contextual fact-finding week in each of the ${plural(regions.size, 'region')} responsible for those PDUs, before its first PDU inspection of the year.` });
  const rows = [...cycle, ...returns]
    .sort((a, b) => (a.region < b.region ? -1 : a.region > b.region ? 1 : a.week < b.week ? -1 : a.week > b.week ? 1 : 0))
    .map((b) => [b.region, b.pdu!, b.kind === 'return-inspection' ? 'Return after Inadequate' : 'Cycle inspection', monthOf(b.week)]);
  if (rows.length) blocks.push({ type: 'table', caption: `PDU inspections planned for ${label}`, head: ['Region', 'PDU', 'Inspection', 'Planned for'], rows });
  return blocks;
}

async function youthBlocks(db: Db, year: ProgrammeYear, label: string, warnings: string[]): Promise<Block[]> {
  const blocks: Block[] = [{ type: 'subheading', text: 'Youth justice service inspections' }];
  if (year.youthSelectionId === null) {
    warnings.push('No youth justice selection is linked to this year: link one in the year\'s settings');
    return [...blocks, { type: 'paragraph', text: `The youth justice services to be inspected in ${label} have not been chosen yet.` }];
  }
  const { result } = await getStoredSelection(db, year.youthSelectionId);
  const selected = result.selected;
  const joint = selected.filter((s) => s.joint).length;
  const kinds = (k: string[]) => selected.filter((s) => s.reasons.some((r) => k.includes(r.kind))).length;
  const forced = kinds(['re-inspection', 'overdue', 'due']);
  const targeted = selected.filter((s) => s.reasons.some((r) => r.kind === 'targeted')).length;
  const random = selected.filter((s) => s.reasons.some((r) => r.kind === 'random')).length;
  blocks.push({
    type: 'paragraph',
    text: `We intend to conduct ${plural(selected.length, 'inspection')} of youth justice services in ${label} - ${selected.length - joint} single and ${plural(joint, 'joint inspection')}.`,
  });
  blocks.push({
    type: 'paragraph',
    text: `${forced} are re-inspections of services rated Inadequate, or services due under our commitment to inspect every service at least every four years; ${targeted} are chosen on the basis of concerns about their performance (a risk score weighing the time since the last inspection, the last rating, caseload, concerns raised and performance data); ${random} are chosen on a random basis.`,
  });
  for (const note of result.notes) warnings.push(`Youth selection: ${note}`);
  const reasonWords: Record<string, string> = { 're-inspection': 'Re-inspection after Inadequate', overdue: 'Due: four years or more since inspection', due: 'Due within the year', targeted: 'Concerns about performance', random: 'Chosen at random' };
  blocks.push({
    type: 'table',
    caption: `Youth justice services to be inspected in ${label}`,
    head: ['Service', 'Why', 'Inspection'],
    rows: selected.map((s) => [s.service, s.reasons.filter((r) => r.kind !== 'joint').map((r) => reasonWords[r.kind] ?? r.kind).join('; '), s.joint ? 'Joint' : 'Single']),
  });
  return blocks;
}

function questionBlocks(questions: readonly ConsultationQuestion[], section: ConsultationSection, counter: { n: number }): Block[] {
  return questions
    .filter((q) => q.section === section)
    .map((q) => ({ type: 'question' as const, number: ++counter.n, id: q.id, text: q.text, guidance: guidanceBlocks(q.guidance) }));
}

export async function consultationDocument(db: Db, yearId: number): Promise<ConsultationDocument> {
  const year = await requireProgrammeYear(db, yearId);
  const { year: label, next } = yearNames(year.label);
  const [questions, topics] = await Promise.all([listConsultationQuestions(db, yearId), listProgrammeTopics(db, yearId)]);
  const { ranked } = rankTopics(year, topics);
  const warnings: string[] = [];
  const counter = { n: 0 };
  const fittedThematic = ranked.filter((t) => t.kind === 'thematic' && t.fitted);
  const laterThematic = ranked.filter((t) => t.kind === 'thematic' && !t.fitted).sort((a, b) => (a.title < b.title ? -1 : 1));
  const fittedResearch = ranked.filter((t) => t.kind === 'research' && t.fitted);
  const laterResearch = ranked.filter((t) => t.kind === 'research' && !t.fitted).sort((a, b) => (a.title < b.title ? -1 : 1));
  const topicBlocks = (list: typeof ranked): Block[] =>
    list.flatMap((t): Block[] => [
      { type: 'subheading', text: t.title },
      ...(t.topic.summary ? guidanceBlocks(t.topic.summary) : []),
      ...(t.topic.jointWith || t.needs === 'desktop'
        ? [{ type: 'paragraph' as const, text: [t.topic.jointWith ? `Jointly with ${t.topic.jointWith}.` : '', t.needs === 'desktop' ? 'A desktop exercise.' : ''].filter(Boolean).join(' ') }]
        : []),
    ]);
  if (!topics.length) warnings.push('No thematic or research topics have been entered for this year');

  const sections: ConsultationDocument['sections'] = [
    {
      heading: '1. Core inspection programme',
      blocks: [...(await pduBlocks(db, year, label, warnings)), ...(await youthBlocks(db, year, label, warnings)), ...questionBlocks(questions, 'core', counter)],
    },
    {
      heading: '2. Thematic and joint inspections',
      blocks: [
        { type: 'paragraph', text: 'We apply a number of criteria to identify and prioritise our thematic topics as follows:' },
        { type: 'list', numbered: true, items: THEMATIC_CRITERIA.map((c) => c.text) },
        { type: 'paragraph', text: `Having considered these criteria, we plan to conduct (jointly with others where appropriate) thematic inspections on the following topics in ${label}.` },
        {
          type: 'paragraph',
          text: `We have estimated that we have the resource to conduct fieldwork for ${plural(year.fieldworkSlots, 'thematic')} in ${label}${year.desktopSlots ? ` plus ${plural(year.desktopSlots, 'desktop exercise')}` : ''}.`,
        },
        ...(fittedThematic.length ? topicBlocks(fittedThematic) : [{ type: 'paragraph' as const, text: 'No thematic topics have been chosen yet.' }]),
        ...questionBlocks(questions, 'thematic', counter),
        { type: 'heading', text: 'Future thematic proposals' },
        { type: 'paragraph', text: `We would welcome views on the long list of proposals for our consideration in ${next}. These are not presented in any priority order.` },
        ...(laterThematic.length ? topicBlocks(laterThematic) : [{ type: 'paragraph' as const, text: 'There are no further proposals at present.' }]),
        ...questionBlocks(questions, 'future-thematic', counter),
      ],
    },
    {
      heading: '3. Research',
      blocks: [
        { type: 'paragraph', text: 'We are committed to reviewing, developing and promoting the evidence base for high-quality probation and youth justice services.' },
        { type: 'paragraph', text: `To prioritise topics for ${label} we have judged each topic against the following criteria:` },
        { type: 'list', items: RESEARCH_CRITERIA.map((c) => c.text) },
        { type: 'paragraph', text: `Based on these criteria we have prioritised the following research projects${year.researchSlots ? ` (we have the resource for ${plural(year.researchSlots, 'project')})` : ''}.` },
        ...(fittedResearch.length ? topicBlocks(fittedResearch) : [{ type: 'paragraph' as const, text: 'No research projects have been chosen yet.' }]),
        ...(laterResearch.length ? [{ type: 'paragraph' as const, text: 'Further proposed topics include:' }, { type: 'list' as const, items: laterResearch.map((t) => t.title) }] : []),
        ...questionBlocks(questions, 'research', counter),
      ],
    },
  ];
  const unplaced = questions.filter((q) => !SECTIONS.includes(q.section));
  if (unplaced.length) warnings.push(`${plural(unplaced.length, 'question')} in no known section are left out`);
  return {
    title: `Consultation on our inspection programme ${label}`,
    year,
    sections,
    closing: [
      `Under the Police and Criminal Justice Act 2006 we are required to consult each year on our inspection framework and programmes. This document sets out our proposed plans for ${label}. We would very much welcome your comments on these priorities.`,
      year.consultationCloses ? `We would very much appreciate your views on our work programme by ${longDate(year.consultationCloses)}.` : 'We would very much appreciate your views on our work programme.',
    ],
    warnings,
  };
}

/** The questions in the document's order (by section, then position), numbered from 1 as the document numbers them. */
export function numberedQuestions(questions: readonly ConsultationQuestion[]): (ConsultationQuestion & { number: number })[] {
  let n = 0;
  return SECTIONS.flatMap((section) => questions.filter((q) => q.section === section)).map((q) => ({ ...q, number: ++n }));
}

const QuestionSchema = z.object({
  section: z.enum(SECTIONS as [ConsultationSection, ...ConsultationSection[]], { message: 'Select the section the question belongs to' }),
  text: z.string({ message: 'Enter the question' }).trim().min(1, 'Enter the question').max(2000, 'The question must be 2,000 characters or fewer'),
  guidance: z.string().trim().max(5000, 'The guidance must be 5,000 characters or fewer').optional().default(''),
});

async function requireQuestion(db: Db, yearId: number, questionId: number): Promise<ConsultationQuestion> {
  const q = await getConsultationQuestion(db, questionId);
  if (!q || q.yearId !== yearId) throw new AppError('not-found', `There is no question ${questionId} in this consultation`);
  return q;
}

const questionAudit = (q: Pick<ConsultationQuestion, 'section' | 'text' | 'guidance'>) => ({ section: q.section, text: q.text, guidance: q.guidance });

/** Adds a question (questionId null, at the end) or changes one. */
export async function saveQuestion(db: Db, yearId: number, questionId: number | null, raw: unknown, actor: string): Promise<number> {
  await requireProgrammeYear(db, yearId);
  const q = parseFields(QuestionSchema, raw);
  const before = questionId === null ? undefined : await requireQuestion(db, yearId, questionId);
  const fields = { section: q.section, text: q.text, guidance: q.guidance || null, updatedBy: actor };
  return inTransaction(db, async (trx) => {
    let id: number;
    if (questionId === null) {
      const position = Math.max(0, ...(await listConsultationQuestions(trx, yearId)).map((x) => x.position)) + 1;
      id = await insertConsultationQuestion(trx, { yearId, position, ...fields });
    } else {
      id = questionId;
      await updateConsultationQuestion(trx, id, fields);
    }
    await recordAudit(trx, {
      actor,
      action: questionId === null ? 'consultation-question.added' : 'consultation-question.changed',
      entity: 'consultation-question',
      entityId: id,
      before: before && questionAudit(before),
      after: { yearId, ...questionAudit(fields) },
    });
    return id;
  });
}

/** Removes a question that has no responses (one with responses stays, so they keep their question). */
export async function removeQuestion(db: Db, yearId: number, questionId: number, actor: string): Promise<void> {
  const q = await requireQuestion(db, yearId, questionId);
  const responses = (await listConsultationResponses(db, yearId)).filter((r) => r.questionId === questionId);
  if (responses.length) throw new AppError('conflict', `The question has ${plural(responses.length, 'response')} recorded against it, so it cannot be removed; change its wording instead`);
  await inTransaction(db, async (trx) => {
    await deleteConsultationQuestion(trx, questionId);
    await recordAudit(trx, { actor, action: 'consultation-question.removed', entity: 'consultation-question', entityId: questionId, before: { yearId, ...questionAudit(q) } });
  });
}

const ResponseSchema = z.object({
  questionId: z
    .union([z.string(), z.number()], { message: 'Select the question the response answers' })
    .transform((v, ctx) => {
      const n = Number(v);
      if (String(v).trim() === '' || !Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: 'Select the question the response answers' });
        return z.NEVER;
      }
      return n;
    }),
  respondentName: z.string().trim().max(200, 'The name must be 200 characters or fewer').optional().default(''),
  respondentOrganisation: z.string().trim().max(200, 'The organisation must be 200 characters or fewer').optional().default(''),
  receivedOn: z
    .string({ message: 'Enter the date the response was received' })
    .trim()
    .min(1, 'Enter the date the response was received')
    .refine(isRealDate, 'The date received must be a real date, like 2027-03-14'),
  text: z.string({ message: 'Enter the response' }).trim().min(1, 'Enter the response').max(50_000, 'The response must be 50,000 characters or fewer'),
});

export async function recordResponse(db: Db, yearId: number, raw: unknown, actor: string, today = clock.today()): Promise<number> {
  await requireProgrammeYear(db, yearId);
  const r = parseFields(ResponseSchema, raw);
  const question = await getConsultationQuestion(db, r.questionId);
  if (!question || question.yearId !== yearId) throw new ProgrammeFieldError([{ field: 'questionId', message: 'Select one of this consultation\'s questions' }]);
  if (r.receivedOn > today) throw new ProgrammeFieldError([{ field: 'receivedOn', message: 'The date received must be today or in the past' }]);
  const record = {
    questionId: r.questionId,
    respondentName: r.respondentName || null,
    respondentOrganisation: r.respondentOrganisation || null,
    receivedOn: r.receivedOn,
    text: r.text,
    recordedBy: actor,
  };
  return inTransaction(db, async (trx) => {
    const id = await insertConsultationResponse(trx, record);
    await recordAudit(trx, { actor, action: 'consultation-response.recorded', entity: 'consultation-response', entityId: id, after: { yearId, ...record } });
    return id;
  });
}

export async function consultationResponses(db: Db, yearId: number): Promise<{ questions: ConsultationQuestion[]; responses: ConsultationResponse[] }> {
  await requireProgrammeYear(db, yearId);
  const [questions, responses] = await Promise.all([listConsultationQuestions(db, yearId), listConsultationResponses(db, yearId)]);
  return { questions, responses };
}
