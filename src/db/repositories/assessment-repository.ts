// An inspection's case assessments (cases, answers, outcome details, evidence) and its recorded
// judgements, stored and read back as the domain's InspectionAssessment.
//
// Bulk by design: an inspection may hold tens of thousands of cases with ~80 answers each, so rows
// go in as arrays through `unnest(...)` (a handful of parameters per statement, never near the
// 65,535 limit) in chunks, and come back with one query per table, aggregated per case in SQL.
import { sql, type RawBuilder } from 'kysely';
import type { Answer, CaseAssessment, InspectionAssessment, OutcomeDetail, RecordedJudgement } from '../../domain/assessment/types.ts';
import { frameworkKey } from '../../domain/framework/framework.ts';
import type { CaseWork } from './case-work-repository.ts';
import { inTransaction, type Db } from './shared.ts';

/** Cases per insert statement (each carries its attributes as JSON). */
const CASE_CHUNK = 5_000;
/** Answer, outcome or evidence rows per insert statement. */
const ROW_CHUNK = 20_000;

export class AssessmentStorageError extends Error {
  override name = 'AssessmentStorageError';
}

export interface StoredJudgement {
  itemId: string;
  rating: string;
  rationale: string | null;
  recordedBy: string;
  recordedAt: Date;
}

/**
 * Replaces the inspection's cases (with their answers, outcome details and evidence) and its
 * judgements by those in `assessment`, in one transaction (the caller's, if `db` is one).
 * A judgement whose rating and rationale are unchanged keeps its recorded_by/recorded_at;
 * new or changed ones are recorded as `recordedBy`, now.
 * Throws AssessmentStorageError if the inspection doesn't exist, the assessment is under another
 * framework version than the inspection, or two cases share a reference.
 */
export async function saveInspectionAssessment(
  db: Db,
  inspectionId: number,
  assessment: InspectionAssessment,
  recordedBy: string,
): Promise<void> {
  const refs = new Set<string>();
  for (const c of assessment.cases) {
    if (refs.has(c.caseRef)) throw new AssessmentStorageError(`Case reference "${c.caseRef}" appears twice`);
    refs.add(c.caseRef);
  }

  await inTransaction(db, async (trx) => {
    await beginAssessmentReplace(trx, inspectionId, assessment.frameworkKey);
    await addAssessmentCases(trx, inspectionId, assessment.cases);
    await replaceJudgements(trx, inspectionId, assessment.judgements, recordedBy);
  });
}

/**
 * The first step of replacing an inspection's assessment in parts (a file saved as it is read), in
 * the caller's transaction: locks the inspection, checks it is under `frameworkKey` and deletes its
 * cases. Then addAssessmentCases for each batch of cases (no reference twice across them) and
 * replaceJudgements. Throws AssessmentStorageError as saveInspectionAssessment does.
 */
export async function beginAssessmentReplace(trx: Db, inspectionId: number, assessmentFrameworkKey: string): Promise<void> {
  const inspection = await trx
    .selectFrom('inspection')
    .select(['framework_id', 'framework_version'])
    .where('id', '=', inspectionId)
    .forUpdate()
    .executeTakeFirst();
  if (!inspection) throw new AssessmentStorageError(`No inspection ${inspectionId}`);
  const key = frameworkKey(inspection.framework_id, inspection.framework_version);
  if (assessmentFrameworkKey !== key) {
    throw new AssessmentStorageError(`Inspection ${inspectionId} is under ${key}; the assessment is under ${assessmentFrameworkKey}`);
  }
  await deleteInspectionCases(trx, inspectionId);
}

/** Inserts cases (with their answers, outcome details and evidence) into the inspection. */
export async function addAssessmentCases(db: Db, inspectionId: number, cases: CaseAssessment[]): Promise<void> {
  const caseIds = await insertCases(db, inspectionId, cases);
  await insertCaseRows(db, cases, caseIds);
}

/** The inspection's saved assessment in counts, for the audit trail: cases, answers and each judgement's rating. */
export async function assessmentShape(
  db: Db,
  inspectionId: number,
): Promise<{ cases: number; answers: number; judgements: Record<string, string> }> {
  const { rows } = await sql<{ cases: number; answers: number }>`
    select (select count(*) from inspection_case where inspection_id = ${inspectionId}::int)::int as cases,
           (select count(*) from case_answer a join inspection_case c on c.id = a.case_id
             where c.inspection_id = ${inspectionId}::int)::int as answers`.execute(db);
  const judgements = await db
    .selectFrom('inspection_judgement')
    .select(['item_id', 'rating'])
    .where('inspection_id', '=', inspectionId)
    .orderBy(sql`item_id collate "C"`)
    .execute();
  return { cases: rows[0]!.cases, answers: rows[0]!.answers, judgements: Object.fromEntries(judgements.map((j) => [j.item_id, j.rating])) };
}

/** Deletes the inspection's cases and everything under them, set-wise (faster than the cascade). */
export async function deleteInspectionCases(db: Db, inspectionId: number): Promise<void> {
  for (const table of ['case_answer', 'case_outcome', 'case_evidence'] as const) {
    await sql`delete from ${sql.table(table)} t using inspection_case c
              where t.case_id = c.id and c.inspection_id = ${inspectionId}::int`.execute(db);
  }
  await db.deleteFrom('inspection_case').where('inspection_id', '=', inspectionId).execute();
}

async function insertCases(db: Db, inspectionId: number, cases: CaseAssessment[]): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < cases.length; start += CASE_CHUNK) {
    const chunk = cases.slice(start, start + CASE_CHUNK);
    const { rows } = await sql<{ id: number; case_ref: string }>`
      insert into inspection_case (inspection_id, case_ref, attributes)
      select ${inspectionId}::int, u.case_ref, u.attributes::jsonb
      from unnest(${chunk.map((c) => c.caseRef)}::text[], ${chunk.map((c) => JSON.stringify(c.attributes ?? {}))}::text[])
        with ordinality as u(case_ref, attributes, ord)
      order by u.ord
      returning id, case_ref`.execute(db);
    const idByRef = new Map(rows.map((r) => [r.case_ref, r.id]));
    for (const c of chunk) ids.push(idByRef.get(c.caseRef)!);
  }
  return ids;
}

/** Column arrays for one unnest insert, to be flushed every ROW_CHUNK rows. */
class RowBuffer<Columns extends unknown[][]> {
  readonly columns: Columns;
  constructor(
    width: number,
    private readonly flushTo: (columns: Columns) => Promise<unknown>,
  ) {
    this.columns = Array.from({ length: width }, () => []) as unknown as Columns;
  }
  get full(): boolean {
    return this.columns[0]!.length >= ROW_CHUNK;
  }
  add(...values: unknown[]): void {
    values.forEach((v, i) => this.columns[i]!.push(v));
  }
  async flush(): Promise<void> {
    if (!this.columns[0]!.length) return;
    await this.flushTo(this.columns);
    for (const column of this.columns) column.length = 0;
  }
}

async function insertCaseRows(db: Db, cases: CaseAssessment[], caseIds: number[]): Promise<void> {
  const answers = new RowBuffer<[number[], string[], Answer[]]>(3, ([ids, items, values]) =>
    sql`insert into case_answer (case_id, item_id, answer)
        select * from unnest(${ids}::int[], ${items}::text[], ${values}::text[])`.execute(db),
  );
  const outcomes = new RowBuffer<[number[], string[], (string | null)[], (boolean | null)[]]>(
    4,
    ([ids, items, progress, credited]) =>
      sql`insert into case_outcome (case_id, item_id, progress, stability_credited)
          select * from unnest(${ids}::int[], ${items}::text[], ${progress}::text[], ${credited}::boolean[])`.execute(db),
  );
  const evidence = new RowBuffer<[number[], string[], string[]]>(3, ([ids, items, texts]) =>
    sql`insert into case_evidence (case_id, item_id, text)
        select * from unnest(${ids}::int[], ${items}::text[], ${texts}::text[])`.execute(db),
  );
  const buffers = [answers, outcomes, evidence];

  for (const [i, c] of cases.entries()) {
    const id = caseIds[i]!;
    for (const [item, answer] of Object.entries(c.answers ?? {})) answers.add(id, item, answer);
    for (const [item, detail] of Object.entries(c.outcomes ?? {})) {
      outcomes.add(id, item, detail.progress ?? null, detail.stabilityCredited ?? null);
    }
    for (const [item, text] of Object.entries(c.evidence ?? {})) evidence.add(id, item, text);
    for (const buffer of buffers) if (buffer.full) await buffer.flush();
  }
  for (const buffer of buffers) await buffer.flush();
}

/**
 * Inserts or replaces one case of the inspection (matched by caseRef): its attributes, answers,
 * outcome details and evidence become exactly those given. Other cases and the judgements are
 * untouched. Returns the case's row id. For a form saving one case at a time.
 */
export async function saveCaseAssessment(db: Db, inspectionId: number, assessment: CaseAssessment): Promise<number> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('inspection_case')
      .values({ inspection_id: inspectionId, case_ref: assessment.caseRef, attributes: JSON.stringify(assessment.attributes ?? {}) })
      .onConflict((oc) => oc.columns(['inspection_id', 'case_ref']).doUpdateSet((eb) => ({ attributes: eb.ref('excluded.attributes') })))
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const table of ['case_answer', 'case_outcome', 'case_evidence'] as const) {
      await trx.deleteFrom(table).where('case_id', '=', row.id).execute();
    }
    await insertCaseRows(trx, [assessment], [row.id]);
    return row.id;
  });
}

/** Deletes one case and everything under it; false when the inspection has no such case. */
export async function deleteCaseAssessment(db: Db, inspectionId: number, caseRef: string): Promise<boolean> {
  const result = await db
    .deleteFrom('inspection_case')
    .where('inspection_id', '=', inspectionId)
    .where('case_ref', '=', caseRef)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One case as saved, or undefined when the inspection has no such case. */
export async function loadCaseAssessment(
  db: Db,
  inspectionId: number,
  caseRef: string,
): Promise<CaseAssessment | undefined> {
  const row = await db
    .selectFrom('inspection_case')
    .select(['id', 'case_ref', 'attributes'])
    .where('inspection_id', '=', inspectionId)
    .where('case_ref', '=', caseRef)
    .executeTakeFirst();
  if (!row) return undefined;
  const c: CaseAssessment = { caseRef: row.case_ref, attributes: row.attributes, answers: {}, outcomes: {}, evidence: {} };
  await fillCaseRows(db, sql`c.id = ${row.id}::int`, new Map([[row.id, c]]));
  return c;
}

/**
 * One case for its pages in a single query: its answers, outcome details and evidence, its work
 * (version, assignment) and the framework its inspection is under; undefined when there is no such case.
 */
export async function loadCaseForPage(
  db: Db,
  inspectionId: number,
  caseRef: string,
): Promise<{ frameworkId: string; frameworkVersion: string; assessment: CaseAssessment; work: CaseWork } | undefined> {
  const perItem = (table: 'case_answer' | 'case_outcome' | 'case_evidence', value: RawBuilder<unknown>) =>
    sql`coalesce((select json_object_agg(t.item_id, ${value} order by t.item_id collate "C") from ${sql.table(table)} t where t.case_id = c.id), '{}'::json)`;
  const { rows } = await sql<{
    case_ref: string;
    attributes: CaseAssessment['attributes'];
    version: number;
    assigned_to: number | null;
    display_name: string | null;
    updated_at: Date;
    updated_by: string | null;
    framework_id: string;
    framework_version: string;
    answers: Record<string, Answer>;
    outcomes: Record<string, OutcomeDetail>;
    evidence: Record<string, string>;
  }>`
    select c.case_ref, c.attributes, c.version, c.assigned_to, u.display_name, c.updated_at, c.updated_by,
           i.framework_id, i.framework_version,
           ${perItem('case_answer', sql`t.answer`)} as answers,
           ${perItem('case_outcome', sql`json_strip_nulls(json_build_object('progress', t.progress, 'stabilityCredited', t.stability_credited))`)} as outcomes,
           ${perItem('case_evidence', sql`t.text`)} as evidence
    from inspection_case c
    join inspection i on i.id = c.inspection_id
    left join app_user u on u.id = c.assigned_to
    where c.inspection_id = ${inspectionId}::int and c.case_ref = ${caseRef}::text`.execute(db);
  const r = rows[0];
  if (!r) return undefined;
  return {
    frameworkId: r.framework_id,
    frameworkVersion: r.framework_version,
    assessment: { caseRef: r.case_ref, attributes: r.attributes, answers: r.answers, outcomes: r.outcomes, evidence: r.evidence },
    work: { caseRef: r.case_ref, version: r.version, assignedTo: r.assigned_to, assignedToName: r.display_name, updatedAt: r.updated_at, updatedBy: r.updated_by },
  };
}

export async function replaceJudgements(
  db: Db,
  inspectionId: number,
  judgements: Record<string, RecordedJudgement>,
  recordedBy: string,
): Promise<void> {
  const entries = Object.entries(judgements ?? {});
  const items = entries.map(([item]) => item);
  await sql`delete from inspection_judgement
            where inspection_id = ${inspectionId}::int and item_id <> all(${items}::text[])`.execute(db);
  if (!entries.length) return;
  await sql`
    insert into inspection_judgement as j (inspection_id, item_id, rating, rationale, recorded_by)
    select ${inspectionId}::int, u.item_id, u.rating, u.rationale, ${recordedBy}::text
    from unnest(${items}::text[], ${entries.map(([, j]) => j.rating)}::text[],
                ${entries.map(([, j]) => j.rationale ?? null)}::text[]) as u(item_id, rating, rationale)
    on conflict (inspection_id, item_id) do update set
      rating = excluded.rating,
      rationale = excluded.rationale,
      recorded_by = excluded.recorded_by,
      recorded_at = now()
    where (j.rating, j.rationale) is distinct from (excluded.rating, excluded.rationale)`.execute(db);
}

/**
 * The inspection's assessment as saved, or undefined when there is no such inspection.
 * `frameworkKey`, when given, must be the inspection's framework (`id@version`).
 */
export async function loadInspectionAssessment(
  db: Db,
  inspectionId: number,
  frameworkKey?: string,
): Promise<InspectionAssessment | undefined> {
  const assessment = (await loadAssessmentsForInspections(db, [inspectionId])).get(inspectionId);
  if (assessment && frameworkKey !== undefined && assessment.frameworkKey !== frameworkKey) {
    throw new AssessmentStorageError(
      `Inspection ${inspectionId} is under ${assessment.frameworkKey}, not ${frameworkKey}`,
    );
  }
  return assessment;
}

/**
 * The assessments of several inspections (for re-rating in bulk), by inspection id; ids with no
 * inspection are absent. One query per table. Cases come in the order they were saved.
 */
export async function loadAssessmentsForInspections(
  db: Db,
  inspectionIds: readonly number[],
): Promise<Map<number, InspectionAssessment>> {
  const result = new Map<number, InspectionAssessment>();
  const ids = [...new Set(inspectionIds)];
  if (!ids.length) return result;

  const inspections = await db
    .selectFrom('inspection')
    .select(['id', 'framework_id', 'framework_version'])
    .where('id', '=', sql<number>`any(${ids}::int[])`)
    .execute();
  for (const i of inspections) {
    result.set(i.id, { frameworkKey: frameworkKey(i.framework_id, i.framework_version), cases: [], judgements: {} });
  }

  const { rows: cases } = await sql<{ id: number; inspection_id: number; case_ref: string; attributes: Record<string, string> }>`
    select id, inspection_id, case_ref, attributes from inspection_case
    where inspection_id = any(${ids}::int[])
    order by inspection_id, id`.execute(db);
  const byCaseId = new Map<number, CaseAssessment>();
  for (const row of cases) {
    const c: CaseAssessment = { caseRef: row.case_ref, attributes: row.attributes, answers: {}, outcomes: {}, evidence: {} };
    byCaseId.set(row.id, c);
    result.get(row.inspection_id)?.cases.push(c);
  }

  await fillCaseRows(db, sql`c.inspection_id = any(${ids}::int[])`, byCaseId);

  const judgements = await db
    .selectFrom('inspection_judgement')
    .select(['inspection_id', 'item_id', 'rating', 'rationale'])
    .where('inspection_id', '=', sql<number>`any(${ids}::int[])`)
    .orderBy('inspection_id')
    .orderBy(sql`item_id collate "C"`)
    .execute();
  for (const j of judgements) {
    const target = result.get(j.inspection_id);
    if (target) target.judgements[j.item_id] = j.rationale === null ? { rating: j.rating } : { rating: j.rating, rationale: j.rationale };
  }
  return result;
}

/**
 * Fills in the answers, outcome details and evidence of the cases in `byCaseId` (keyed by row id)
 * from rows whose inspection_case `c` matches `where`: one query per table, each aggregated per
 * case into a JSON object (json keeps the aggregation order, by item id).
 */
async function fillCaseRows(db: Db, where: RawBuilder<unknown>, byCaseId: Map<number, CaseAssessment>): Promise<void> {
  const perCase = <T>(table: 'case_answer' | 'case_outcome' | 'case_evidence', value: RawBuilder<unknown>) =>
    sql<{ case_id: number; items: Record<string, T> }>`
      select t.case_id, json_object_agg(t.item_id, ${value} order by t.item_id collate "C") as items
      from ${sql.table(table)} t join inspection_case c on c.id = t.case_id
      where ${where}
      group by t.case_id`.execute(db);

  for (const row of (await perCase<Answer>('case_answer', sql`t.answer`)).rows) {
    const c = byCaseId.get(row.case_id);
    if (c) c.answers = row.items;
  }
  const outcome = sql`json_strip_nulls(json_build_object('progress', t.progress, 'stabilityCredited', t.stability_credited))`;
  for (const row of (await perCase<OutcomeDetail>('case_outcome', outcome)).rows) {
    const c = byCaseId.get(row.case_id);
    if (c) c.outcomes = row.items;
  }
  for (const row of (await perCase<string>('case_evidence', sql`t.text`)).rows) {
    const c = byCaseId.get(row.case_id);
    if (c) c.evidence = row.items;
  }
}

/** The inspection's judgements with who recorded them and when, by item id. */
export async function listInspectionJudgements(db: Db, inspectionId: number): Promise<StoredJudgement[]> {
  const rows = await db
    .selectFrom('inspection_judgement')
    .selectAll()
    .where('inspection_id', '=', inspectionId)
    .orderBy(sql`item_id collate "C"`)
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    rating: r.rating,
    rationale: r.rationale,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}
