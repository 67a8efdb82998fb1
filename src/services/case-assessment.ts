// Recording one case, one standard at a time, from the inspectors' web app. Drafts save whatever
// is answered; completing checks every required item. A save made against an older version of the
// case is merged with the newer one item by item, and only clashing items need a decision.
import {
  claimCaseVersion,
  getCaseWork,
  loadCaseAssessment,
  loadCaseForPage,
  recordAudit,
  saveCaseAssessment,
  inTransaction,
  type CaseWork,
  type Db,
} from '../db/repositories/index.ts';
import {
  applyStandard,
  flattenStandard,
  mergeEdits,
  requiredKeys,
  standardStatus,
  valueProblems,
  type FlatValues,
  type MergeConflict,
  type StandardStatus,
} from '../domain/assessment/standard-edit.ts';
import { missingAnswers } from '../domain/assessment/missing-answers.ts';
import type { CaseAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { Standard } from '../domain/framework/schema.ts';
import { AppError } from './errors.ts';
import { holdOpenInspection } from './inspection-lock.ts';
import { storedFramework } from './frameworks.ts';
import { frameworkOf, requireInspection } from './inspections.ts';

export interface CaseView {
  framework: Framework;
  assessment: CaseAssessment;
  work: CaseWork;
  standards: { standard: Standard; status: StandardStatus; missing: string[] }[];
}

export async function loadCase(db: Db, inspectionId: number, caseRef: string): Promise<CaseView> {
  const found = await loadCaseForPage(db, inspectionId, caseRef); // one query: the case, its work and answers
  if (!found) {
    await requireInspection(db, inspectionId); // says which is missing, the inspection or the case
    throw new AppError('not-found', `There is no case ${caseRef} in this inspection`);
  }
  const { assessment, work } = found;
  const framework = await storedFramework(db, found.frameworkId, found.frameworkVersion);
  return {
    framework,
    assessment,
    work,
    standards: framework.caseStandards.map((standard) => ({ standard, ...standardStatus(standard, assessment) })),
  };
}

export function caseStandard(view: CaseView, standardId: string): Standard {
  const found = view.framework.caseStandards.find((s) => s.id === standardId);
  if (!found) throw new AppError('not-found', `There is no case standard ${standardId}`);
  return found;
}

export interface StandardSave {
  inspectionId: number;
  caseRef: string;
  standardId: string;
  /** The values submitted. */
  values: FlatValues;
  /** The values the form showed when it was opened, and the case version then. */
  base: FlatValues;
  version: number;
  /** draft: save what is answered; complete: also check every required item; overwrite: keep mine where we clash. */
  mode: 'draft' | 'complete' | 'overwrite';
}

export type StandardSaveResult =
  | { outcome: 'saved'; status: StandardStatus; mergedWith?: { by: string | null; items: string[] } }
  | { outcome: 'invalid'; problems: { key: string; message: string }[]; values: FlatValues }
  | { outcome: 'conflict'; conflicts: MergeConflict[]; theirChanges: string[]; by: string | null; version: number; values: FlatValues; base: FlatValues };

const changedKeys = (before: FlatValues, after: FlatValues) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => (before[k] ?? '') !== (after[k] ?? '')).sort();

export async function saveStandard(db: Db, input: StandardSave, actor: string): Promise<StandardSaveResult> {
  const inspection = await requireInspection(db, input.inspectionId);
  if (inspection.status === 'signed-off') throw new AppError('conflict', 'The inspection is signed off, so its assessments are locked');
  const framework = await frameworkOf(db, inspection);
  const values = Object.fromEntries(Object.entries(input.values).filter(([, v]) => v !== ''));

  return inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId);
    const current = await loadCaseAssessment(trx, input.inspectionId, input.caseRef);
    const work = await getCaseWork(trx, input.inspectionId, input.caseRef);
    if (!current || !work) throw new AppError('not-found', `There is no case ${input.caseRef} in this inspection`);
    const standard = framework.caseStandards.find((s) => s.id === input.standardId);
    if (!standard) throw new AppError('not-found', `There is no case standard ${input.standardId}`);

    const problems = valueProblems(standard, current, values);
    if (problems.length) return { outcome: 'invalid' as const, problems, values };

    const theirs = flattenStandard(standard, current);
    let next = values;
    let mergedWith: { by: string | null; items: string[] } | undefined;
    if (work.version !== input.version) {
      const merge = mergeEdits(input.base, values, theirs);
      if (merge.conflicts.length && input.mode !== 'overwrite')
        return { outcome: 'conflict' as const, conflicts: merge.conflicts, theirChanges: merge.theirChanges, by: work.updatedBy, version: work.version, values, base: theirs };
      next = merge.merged;
      mergedWith = { by: work.updatedBy, items: merge.theirChanges };
    }

    const updated = applyStandard(standard, current, next);
    if (input.mode === 'complete') {
      const missing = [...requiredKeys(standard, updated)].filter((k) => !next[k]);
      if (missing.length) return { outcome: 'invalid' as const, problems: missingAnswers(standard, updated, new Set(missing)), values: next };
    }
    if (!(await claimCaseVersion(trx, input.inspectionId, input.caseRef, work.version, actor)))
      throw new AppError('conflict', 'Someone saved this case at the same moment; go back and save again');
    await saveCaseAssessment(trx, input.inspectionId, updated);
    const changed = changedKeys(theirs, next);
    if (changed.length)
      await recordAudit(trx, {
        actor,
        action: 'case.standard-saved',
        entity: 'case',
        entityId: `${input.inspectionId}/${input.caseRef}`,
        inspectionId: input.inspectionId,
        before: { standard: standard.id, ...Object.fromEntries(changed.map((k) => [k, theirs[k] ?? null])) },
        after: { standard: standard.id, mode: input.mode, ...Object.fromEntries(changed.map((k) => [k, next[k] ?? null])) },
      });
    return { outcome: 'saved' as const, status: standardStatus(standard, updated).status, ...(mergedWith ? { mergedWith } : {}) };
  });
}

