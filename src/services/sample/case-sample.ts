// The case sample of an inspection (3.15): the service uploads its eligible caseload, the sample is
// every case that began in the window six months before fieldwork (or, for a sampling programme,
// a seeded statistical draw), the lead inspector may move the window with a reason, and confirming
// creates the inspection's cases under pseudonyms with their attributes filled in. The link from
// each pseudonym to the service's reference is kept in its own table until the retention rule
// deletes it. Each change is one transaction with an audit event; audit events never hold the
// service's references.
import { randomBytes, randomInt } from 'node:crypto';
import {
  deleteCaseload,
  getCaseSample,
  insertCaseLinks,
  insertSampleCases,
  listCaseload,
  listCaseLinks,
  listCaseWork,
  listSampleCases,
  lockCaseSample,
  recordAudit,
  replaceCaseload,
  saveCaseAssessment,
  updateCaseSample,
  inTransaction,
  type CaseLinkRecord,
  type CaseSampleRecord,
  type Db,
  type Inspection,
  type SampleCaseRecord,
  type SampleMethod,
} from '../../db/repositories/index.ts';
import type { Framework } from '../../domain/framework/framework.ts';
import type { EligibleCase } from '../../domain/sampling/eligible-cases.ts';
import { compareMix, type AttributeMix } from '../../domain/sampling/mix.ts';
import { casePools, hasPools, poolAttribute, selectPools, type CasePool, type PoolMethod } from '../../domain/sampling/pools.ts';
import { pseudonymiseCases, type Pseudonymised } from '../../domain/sampling/pseudonymise.ts';
import { reliabilityRule, sampleReliability, type Reliability, type ReliabilityRule } from '../../domain/sampling/reliability.ts';
import { selectCaseSample } from '../../domain/sampling/select.ts';
import { drawSample, drawStratifiedSample, sampleSize, type SampleDraw, type SampleSize } from '../../domain/sampling/statistical-sample.ts';
import { samplingWindow, type SamplingWindow, type WindowWeeks } from '../../domain/sampling/window.ts';
import { caseloadFormatFromFileName, parseCaseloadCsv, parseCaseloadXlsx, type CaseloadFormat, type CaseloadPool } from '../../interchange/caseload/caseload-file.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import { AppError } from '../errors.ts';
import { frameworkOf, requireInspection } from '../inspections.ts';
import { clock } from '../clock.ts';

/** Larger files are refused before they are read. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
export const DEFAULT_WINDOW_WEEKS: WindowWeeks = 2;
/** The case attributes a statistical sample may be stratified by: the framework file's regime.stratifyBy,
 * less the attribute whose values are the pools (each pool holds one value of it). */
export const stratifyAttributes = (framework: Framework): readonly string[] => framework.regime.stratifyBy.filter((a) => a !== poolAttribute(framework));
export const CONFIDENCE_LEVELS: readonly number[] = [0.9, 0.95, 0.99];

export type UploadResult = { ok: true; cases: number; warnings: FileProblem[] } | { ok: false; errors: FileProblem[]; warnings: FileProblem[] };

function refuseIfLocked(inspection: Inspection, record: CaseSampleRecord | undefined): void {
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off, so its sample cannot change');
  if (record?.status === 'confirmed') throw new AppError('conflict', 'The sample is confirmed and the cases are created, so it cannot change');
}

/** The pool a caseload file holds, by the case type given with the upload: undefined for a file of
 * every case; a string is the problem (a type that is not one of the framework's pools). */
function uploadPool(framework: Framework, caseType: string | undefined): CaseloadPool | string | undefined {
  if (!caseType) return undefined;
  const attribute = poolAttribute(framework);
  const pool = casePools(framework).find((p) => p.caseType === caseType);
  if (!attribute) return "This inspection's caseload is one file of every case: it has no kinds of case uploaded apart";
  if (!pool) return `Choose which cases the file holds: ${listPools(framework)}, or every case`;
  return { attribute, caseType, label: pool.label };
}
const listPools = (framework: Framework) => casePools(framework).map((p) => p.label.toLowerCase()).join(', ');

/**
 * Reads a CSV (UTF-8) or Excel caseload; a file with any error changes nothing. Where the framework
 * samples pools apart, the file holds every case (its case-type column says each one's pool) or,
 * with `caseType`, one pool's cases: that pool's caseload is replaced and the others' kept.
 */
export async function uploadCaseload(db: Db, input: { inspectionId: number; fileName: string; bytes: Uint8Array; caseType?: string }, actor: string): Promise<UploadResult> {
  const inspection = await requireInspection(db, input.inspectionId);
  refuseIfLocked(inspection, await getCaseSample(db, inspection.id));
  const problem = (message: string): UploadResult => ({ ok: false, errors: [{ message }], warnings: [] });
  const framework = await frameworkOf(db, inspection);
  const pool = uploadPool(framework, input.caseType);
  if (typeof pool === 'string') return problem(pool);
  if (!input.bytes.length) return problem('The file is empty: choose the caseload file again');
  if (input.bytes.length > MAX_UPLOAD_BYTES) return problem(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: send the eligible cases only, as CSV`);
  const format: CaseloadFormat | undefined = caseloadFormatFromFileName(input.fileName);
  if (!format) return problem('The file must be a CSV file (.csv) or an Excel workbook (.xlsx)');
  let parsed;
  if (format === 'csv') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
    } catch {
      return problem('The file is not UTF-8 text: in your spreadsheet program save it as "CSV UTF-8", or upload the Excel workbook');
    }
    parsed = parseCaseloadCsv(framework, text, pool);
  } else {
    parsed = await parseCaseloadXlsx(framework, input.bytes, pool);
  }
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: parsed.warnings };
  const cases = parsed.cases;
  const warnings = [...parsed.warnings, ...(pool ? [] : missingPools(framework, cases))];
  const clash = await inTransaction(db, async (trx) => {
    const before = await lockCaseSample(trx, inspection.id);
    refuseIfLocked(inspection, before);
    // A pool's file replaces that pool's cases only; a case is in one pool.
    const kept = pool ? (await listCaseload(trx, inspection.id)).filter((c) => c.attributes[pool.attribute] !== pool.caseType) : [];
    const keptRefs = new Map(kept.map((c) => [c.caseRef, c.attributes[pool?.attribute ?? ''] ?? '']));
    const clashes = cases.filter((c) => keptRefs.has(c.caseRef));
    if (clashes.length) return clashes.map((c) => ({ caseRef: c.caseRef, message: `case ${c.caseRef} is already in the ${poolLabel(framework, keptRefs.get(c.caseRef)!)} caseload; give each case once, in its own pool's file` }));
    await replaceCaseload(trx, inspection.id, [...kept, ...cases]);
    await updateCaseSample(trx, inspection.id, {
      caseloadFormat: format,
      caseloadCases: kept.length + cases.length,
      caseloadWarnings: warnings,
      caseloadUploadedBy: actor,
      caseloadUploadedAt: clock.now(),
    });
    // Counts only: the service's references never go into the audit trail.
    await recordAudit(trx, {
      actor,
      action: 'caseload.uploaded',
      entity: 'case-sample',
      entityId: inspection.id,
      inspectionId: inspection.id,
      before: before.caseloadUploadedAt ? { cases: before.caseloadCases, format: before.caseloadFormat } : null,
      after: { cases: cases.length, format, warnings: warnings.length, ...(pool ? { caseType: pool.caseType, caseloadCases: kept.length + cases.length } : {}) },
    });
    return null;
  });
  if (clash) return { ok: false, errors: clash, warnings };
  return { ok: true, cases: cases.length, warnings };
}

const poolLabel = (framework: Framework, caseType: string): string => (casePools(framework).find((p) => p.caseType === caseType)?.label ?? caseType).toLowerCase();

/** A file of every case with no case of some pool: said, in case that pool's cases were left out. */
function missingPools(framework: Framework, cases: readonly EligibleCase[]): FileProblem[] {
  const attribute = poolAttribute(framework);
  if (!attribute) return [];
  return casePools(framework)
    .filter((p) => !cases.some((c) => c.attributes[attribute] === p.caseType))
    .map((p) => ({ message: `the file has no ${p.label.toLowerCase()}; if the service has any, add them to the file or upload them as the ${p.label.toLowerCase()} caseload` }));
}

export function windowOf(framework: Framework, inspection: Inspection, record: CaseSampleRecord | undefined, monthsBefore = framework.regime.sampleWindow.monthsBeforeFieldwork): SamplingWindow {
  const weeks = record?.windowWeeks ?? DEFAULT_WINDOW_WEEKS;
  const shift = record && record.shiftWeeks ? { weeks: record.shiftWeeks, reason: record.shiftReason ?? '' } : undefined;
  const result = samplingWindow({ fieldworkStart: inspection.fieldworkStart, monthsBefore, weeks, ...(shift ? { shift } : {}) });
  if (!result.ok) throw new AppError('invalid', result.problems.join('; '));
  return result.window;
}

/** The window's length, and its move by whole weeks (later positive) with the reason. */
export async function setSampleWindow(db: Db, input: { inspectionId: number; weeks: number; shiftWeeks: number; reason: string }, actor: string): Promise<SamplingWindow> {
  const inspection = await requireInspection(db, input.inspectionId);
  refuseIfLocked(inspection, await getCaseSample(db, inspection.id));
  const reason = input.reason.trim();
  const framework = await frameworkOf(db, inspection);
  const result = samplingWindow({
    fieldworkStart: inspection.fieldworkStart,
    monthsBefore: framework.regime.sampleWindow.monthsBeforeFieldwork,
    weeks: input.weeks as WindowWeeks,
    ...(input.shiftWeeks !== 0 ? { shift: { weeks: input.shiftWeeks, reason } } : {}),
  });
  if (!result.ok) throw new AppError('invalid', result.problems.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('. '));
  const window = result.window;
  await inTransaction(db, async (trx) => {
    const before = await lockCaseSample(trx, inspection.id);
    refuseIfLocked(inspection, before);
    const after = { weeks: window.weeks, shiftWeeks: window.shift?.weeks ?? 0, reason: window.shift?.reason ?? null };
    const was = { weeks: before.windowWeeks, shiftWeeks: before.shiftWeeks, reason: before.shiftReason };
    if (JSON.stringify(was) === JSON.stringify(after)) return;
    await updateCaseSample(trx, inspection.id, { windowWeeks: window.weeks, shiftWeeks: after.shiftWeeks, shiftReason: after.reason });
    await recordAudit(trx, {
      actor,
      action: 'sample.window-set',
      entity: 'case-sample',
      entityId: inspection.id,
      inspectionId: inspection.id,
      before: was,
      after: { ...after, start: window.start, end: window.end },
    });
  });
  return window;
}

export interface MethodInput {
  inspectionId: number;
  method: SampleMethod;
  /** 0.95 for 95%. */
  confidence?: number;
  /** Percentage points either side: 5 for ±5. */
  marginPoints?: number;
  stratifyBy?: string | null;
  /** Blank for a random seed, which is then recorded. */
  seed?: number | null;
}

/** Every case in the window (a PDU inspection), or a statistical sample (youth and thematic inspections). */
export async function setSampleMethod(db: Db, input: MethodInput, actor: string): Promise<void> {
  const inspection = await requireInspection(db, input.inspectionId);
  refuseIfLocked(inspection, await getCaseSample(db, inspection.id));
  const stratifiable = stratifyAttributes(await frameworkOf(db, inspection));
  const settings =
    input.method === 'window'
      ? { method: 'window' as const, confidence: null, margin: null, stratifyBy: null, seed: null }
      : (() => {
          const problems: string[] = [];
          if (input.confidence === undefined || !CONFIDENCE_LEVELS.includes(input.confidence)) problems.push(`Choose a confidence level: ${CONFIDENCE_LEVELS.map((c) => `${c * 100}%`).join(', ')}`);
          const points = input.marginPoints;
          if (points === undefined || !Number.isFinite(points) || points < 1 || points > 20) problems.push('Give the margin of error as a number of percentage points from 1 to 20, like 5 for ±5 points');
          if (input.stratifyBy && !stratifiable.includes(input.stratifyBy)) problems.push(`Stratify by one of ${stratifiable.join(', ')}, or none`);
          const seed = input.seed ?? randomInt(0, 0x1_0000_0000);
          if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push('The seed is a whole number from 0 to 4294967295; leave it blank for a random one');
          if (problems.length) throw new AppError('invalid', problems.join('. '));
          return { method: 'statistical' as const, confidence: input.confidence!, margin: points! / 100, stratifyBy: input.stratifyBy || null, seed };
        })();
  await inTransaction(db, async (trx) => {
    const before = await lockCaseSample(trx, inspection.id);
    refuseIfLocked(inspection, before);
    await updateCaseSample(trx, inspection.id, settings);
    await recordAudit(trx, {
      actor,
      action: 'sample.method-set',
      entity: 'case-sample',
      entityId: inspection.id,
      inspectionId: inspection.id,
      before: { method: before.method, confidence: before.confidence, margin: before.margin, stratifyBy: before.stratifyBy, seed: before.seed },
      after: settings,
    });
  });
}

export interface StatisticalDetail {
  confidence: number;
  margin: number;
  stratifyBy: string | null;
  size: SampleSize;
  draw: SampleDraw;
}

/** One pool's part of the sample (see domain/sampling/pools.ts). */
export interface PoolSummary {
  caseType: string | null;
  label: string;
  note: string | null;
  minimum: number | null;
  target: number | null;
  window: SamplingWindow;
  caseload: number;
  eligible: number;
  sampled: number;
  belowMinimum: boolean;
  statistical: { size: SampleSize; drawn: number; raisedToMinimum: boolean; seed: number; strata: SampleDraw['strata'] | null } | null;
}

/** The sample and its checks, without the service's references (what is kept once confirmed). */
export interface SampleSummary {
  method: SampleMethod;
  window: SamplingWindow;
  caseloadSize: number;
  sampleSize: number;
  mix: AttributeMix[];
  rule: ReliabilityRule;
  reliability: Reliability[];
  statistical: (Omit<StatisticalDetail, 'draw'> & { seed: number; strata: SampleDraw['strata'] | null }) | null;
  /** Where the framework samples pools apart: each pool's counts (and, once confirmed, its cases by pseudonym). */
  pools?: (PoolSummary & { cases?: string[] })[];
}

export interface Selection {
  cases: EligibleCase[];
  summary: SampleSummary;
  statistical: StatisticalDetail | null;
}

/** The sample the settings give from the caseload (pure). `windowFor` gives a pool's window by its months before fieldwork. */
export function selectSample(
  framework: Framework,
  caseload: readonly EligibleCase[],
  record: CaseSampleRecord | undefined,
  window: SamplingWindow,
  windowFor: (monthsBefore: number) => SamplingWindow = () => window,
): Selection {
  if (hasPools(framework)) return selectPooledSample(framework, caseload, record, window, windowFor);
  if (record?.method !== 'statistical') {
    const sample = selectCaseSample(framework, caseload, window);
    return {
      cases: sample.cases,
      statistical: null,
      summary: { method: 'window', window, caseloadSize: caseload.length, sampleSize: sample.cases.length, mix: sample.mix, rule: sample.rule, reliability: sample.reliability, statistical: null },
    };
  }
  const confidence = record.confidence ?? 0.95;
  const margin = record.margin ?? 0.05;
  const seed = record.seed ?? 0;
  const size = sampleSize({ population: caseload.length, confidence, margin });
  const draw = record.stratifyBy
    ? drawStratifiedSample(caseload.map((c) => ({ key: c.caseRef, stratum: c.attributes[record.stratifyBy!] ?? 'not recorded' })), size.size, seed)
    : drawSample(caseload.map((c) => c.caseRef), size.size, seed);
  const drawn = new Set(draw.drawn);
  const cases = caseload.filter((c) => drawn.has(c.caseRef)).sort((a, b) => (a.caseRef < b.caseRef ? -1 : a.caseRef > b.caseRef ? 1 : 0));
  return {
    cases,
    statistical: { confidence, margin, stratifyBy: record.stratifyBy, size, draw },
    summary: {
      method: 'statistical',
      ...drawnFigures(framework, window, caseload, cases),
      statistical: { confidence, margin, stratifyBy: record.stratifyBy, size, seed, strata: draw.strata ?? null },
    },
  };
}

/** A drawn sample's figures for its summary: sizes, its mix against the caseload's, how reliable it is. */
function drawnFigures(framework: Framework, window: SamplingWindow, caseload: readonly EligibleCase[], cases: readonly EligibleCase[]) {
  const rule = reliabilityRule(framework);
  return {
    window,
    caseloadSize: caseload.length,
    sampleSize: cases.length,
    mix: compareMix(framework, cases, caseload, framework.regime.sampleMix),
    rule,
    reliability: sampleReliability(framework, cases, rule),
  };
}

/** Each pool sampled apart; the sample is the pools' samples, pool by pool. */
function selectPooledSample(framework: Framework, caseload: readonly EligibleCase[], record: CaseSampleRecord | undefined, window: SamplingWindow, windowFor: (monthsBefore: number) => SamplingWindow): Selection {
  const how: PoolMethod =
    record?.method === 'statistical'
      ? { method: 'statistical', confidence: record.confidence ?? 0.95, margin: record.margin ?? 0.05, stratifyBy: record.stratifyBy, seed: record.seed ?? 0 }
      : { method: 'window' };
  const selections = selectPools(framework, caseload, how, windowFor);
  const cases = selections.flatMap((p) => p.cases);
  const pools = selections.map((p): PoolSummary => ({
    ...poolWords(p.pool),
    window: p.window,
    caseload: p.caseload,
    eligible: p.eligible,
    sampled: p.cases.length,
    belowMinimum: p.belowMinimum,
    statistical: p.statistical && { size: p.statistical.size, drawn: p.statistical.drawn, raisedToMinimum: p.statistical.raisedToMinimum, seed: p.statistical.draw.seed, strata: p.statistical.draw.strata ?? null },
  }));
  return {
    cases,
    statistical: null,
    summary: {
      method: how.method,
      ...drawnFigures(framework, window, caseload, cases),
      statistical: null,
      pools,
    },
  };
}
const poolWords = (p: CasePool) => ({ caseType: p.caseType, label: p.label, note: p.note, minimum: p.minimum, target: p.target });

export interface SampleView {
  inspection: Inspection;
  framework: Framework;
  record: CaseSampleRecord | undefined;
  window: SamplingWindow;
  /** Before confirmation, with a caseload: the sample it gives. Holds the service's references. */
  draft: Selection | null;
  /** Once confirmed: what was confirmed, the cases by pseudonym, and (when asked for) the links. */
  confirmed: { summary: SampleSummary; cases: SampleCaseRecord[]; links: CaseLinkRecord[] | null } | null;
}

export async function loadSample(db: Db, inspectionId: number, options: { withLinks?: boolean } = {}): Promise<SampleView> {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  const record = await getCaseSample(db, inspection.id);
  const window = windowOf(framework, inspection, record);
  if (record?.status === 'confirmed') {
    const [cases, links] = await Promise.all([listSampleCases(db, inspection.id), options.withLinks ? listCaseLinks(db, inspection.id) : Promise.resolve(null)]);
    return { inspection, framework, record, window, draft: null, confirmed: { summary: record.summary as SampleSummary, cases, links } };
  }
  const caseload = record?.caseloadCases ? await listCaseload(db, inspection.id) : [];
  const windowFor = (months: number) => windowOf(framework, inspection, record, months);
  return { inspection, framework, record, window, draft: caseload.length ? selectSample(framework, caseload, record, window, windowFor) : null, confirmed: null };
}

/** How many times to try a fresh key when two references share a pseudonym (about 1 in 500 for 2,000 cases). */
const KEY_ATTEMPTS = 8;

/**
 * Confirms the sample: the inspection's cases are created under pseudonyms (one random key for the
 * inspection, not kept), their attributes filled in from the caseload; the links to the service's
 * references go to their own table; the rest of the caseload is deleted.
 */
export async function confirmSample(db: Db, inspectionId: number, actor: string): Promise<{ cases: number }> {
  const inspection = await requireInspection(db, inspectionId);
  const framework = await frameworkOf(db, inspection);
  return inTransaction(db, async (trx) => {
    const record = await lockCaseSample(trx, inspection.id);
    refuseIfLocked(inspection, record);
    const caseload = await listCaseload(trx, inspection.id);
    if (!caseload.length) throw new AppError('invalid', 'Upload the caseload before confirming the sample');
    const existing = (await listCaseWork(trx, inspection.id)).length;
    if (existing) throw new AppError('conflict', `The inspection already has ${existing} case${existing === 1 ? '' : 's'}, so a sample cannot be added to it`);
    const window = windowOf(framework, inspection, record);
    const selection = selectSample(framework, caseload, record, window, (months) => windowOf(framework, inspection, record, months));
    if (!selection.cases.length)
      throw new AppError('invalid', record.method === 'window' ? 'No case in the caseload began in the window: move the window or check the start dates in the file' : 'The sample is empty');

    let result: Pseudonymised<EligibleCase> | undefined;
    for (let attempt = 0; attempt < KEY_ATTEMPTS && !result?.ok; attempt++) result = pseudonymiseCases(selection.cases, randomBytes(32));
    if (!result?.ok) throw new Error('Could not find a pseudonymisation key without collisions');
    const { cases, links } = result;
    // Each pool's cases by pseudonym (the cases come pool by pool, as selected), so the confirmed list says each case's pool.
    let at = 0;
    const summary: SampleSummary = selection.summary.pools
      ? { ...selection.summary, pools: selection.summary.pools.map((p) => ({ ...p, cases: cases.slice(at, (at += p.sampled)).map((c) => c.caseRef) })) }
      : selection.summary;

    await insertCaseLinks(trx, inspection.id, links);
    for (const c of cases) await saveCaseAssessment(trx, inspection.id, { caseRef: c.caseRef, attributes: c.attributes, answers: {}, outcomes: {}, evidence: {} });
    await insertSampleCases(trx, inspection.id, cases.map((c) => ({ caseRef: c.caseRef, practitioner: c.practitioner })));
    const deleted = await deleteCaseload(trx, inspection.id);
    await updateCaseSample(trx, inspection.id, { status: 'confirmed', summary, confirmedBy: actor, confirmedAt: clock.now() });
    await recordAudit(trx, {
      actor,
      action: 'sample.confirmed',
      entity: 'case-sample',
      entityId: inspection.id,
      inspectionId: inspection.id,
      before: { status: 'draft', caseload: deleted },
      after: {
        status: 'confirmed',
        cases: cases.length,
        method: selection.summary.method,
        window: { start: window.start, end: window.end, weeks: window.weeks, shift: window.shift },
        ...(selection.statistical ? { seed: selection.statistical.draw.seed, confidence: selection.statistical.confidence, margin: selection.statistical.margin, stratifyBy: selection.statistical.stratifyBy } : {}),
        ...(summary.pools
          ? {
              pools: summary.pools.map((p) => ({ caseType: p.caseType, caseload: p.caseload, eligible: p.eligible, sampled: p.sampled, ...(p.statistical ? { seed: p.statistical.seed } : {}) })),
              ...(record.method === 'statistical' ? { seed: record.seed, confidence: record.confidence, margin: record.margin, stratifyBy: record.stratifyBy } : {}),
            }
          : {}),
        caseloadRowsDeleted: deleted,
      },
    });
    return { cases: cases.length };
  });
}
