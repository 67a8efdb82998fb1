// A joint inspection: the partner inspectorates that inspect alongside, chosen from those the
// inspection's framework allows for the service's nation (the registry's), and the partner
// inspectors on the team. Each change in one transaction, audited, refused once signed off.
import { getOrganisation, recordAudit, inTransaction, type Db } from '../db/repositories/index.ts';
import {
  deletePartnerInspectorate,
  deletePartnerInspector,
  insertPartnerInspectorate,
  insertPartnerInspector,
  listPartnerInspectorates,
  listPartnerInspectors,
  type PartnerInspectorRow,
} from '../db/repositories/joint-inspection-repository.ts';
import type { JointInspectionRule, Nation, PartnerInspectorate, Provenance } from '../domain/framework/schema.ts';
import { checkPartnerInspector, checkPartnerInspectorates, jointInspectionSentence, partnerName, partnersFor, whyNoPartners } from '../domain/joint-inspection/partners.ts';
import { AppError, FieldError } from './errors.ts';
import { holdOpenInspection } from './inspection-lock.ts';
import { nationOf } from './programme/registry.ts';
import { frameworkOf, requireInspection } from './inspections.ts';

export interface PartnerInspectorView extends PartnerInspectorRow {
  /** Its inspectorate as people read it: "Care Quality Commission (CQC)". */
  inspectorateName: string;
}

export interface JointInspection {
  /** The framework inspects jointly at all (its regime names partner inspectorates). */
  offered: boolean;
  /** The service's nation, from the registry; null when not recorded (and for PDUs). */
  nation: Nation | null;
  /** Why no partner can be chosen for this inspection, or null when they can. */
  whyNone: string | null;
  /** The partner inspectorates the framework allows for the service's nation. */
  allowed: PartnerInspectorate[];
  /** Those recorded for this inspection, in the framework's order. */
  recorded: PartnerInspectorate[];
  inspectors: PartnerInspectorView[];
  /** "This was a joint inspection with …", or null when no partner is recorded. */
  sentence: string | null;
  provenance: Provenance | null;
  signedOff: boolean;
}

/** A partner the framework no longer names (its text changed) still reads as its id. */
const partnerById = (rule: JointInspectionRule | undefined, id: string): PartnerInspectorate =>
  rule?.partners.find((p) => p.id === id) ?? { id, name: id, inspects: '', nations: [] };

/** The partners recorded, in the framework's order (any it no longer names after them). */
const inFrameworkOrder = (rule: JointInspectionRule | undefined, ids: readonly string[]): PartnerInspectorate[] => [
  ...(rule?.partners.filter((p) => ids.includes(p.id)) ?? []),
  ...ids.filter((id) => !rule?.partners.some((p) => p.id === id)).map((id) => partnerById(rule, id)),
];

async function contextOf(db: Db, inspectionId: number) {
  const inspection = await requireInspection(db, inspectionId);
  const [framework, organisation] = await Promise.all([frameworkOf(db, inspection), getOrganisation(db, inspection.organisationId)]);
  const rule = framework.regime.jointInspection;
  // The registry's nation of a youth justice service (none for a PDU).
  const nation = organisation ? nationOf(organisation) : null;
  return { inspection, rule, nation, organisationWord: framework.regime.organisation.singular };
}

/** The inspection's partner inspectorates and partner inspectors, with what the framework allows. */
export async function jointInspectionOf(db: Db, inspectionId: number): Promise<JointInspection> {
  const { inspection, rule, nation, organisationWord } = await contextOf(db, inspectionId);
  const [rows, inspectorRows] = await Promise.all([listPartnerInspectorates(db, inspectionId), listPartnerInspectors(db, inspectionId)]);
  const recorded = inFrameworkOrder(rule, rows.map((r) => r.inspectorate));
  return {
    offered: rule !== undefined,
    nation,
    whyNone: whyNoPartners(rule, nation, organisationWord),
    allowed: partnersFor(rule, nation),
    recorded,
    inspectors: inspectorRows.map((r) => ({ ...r, inspectorateName: partnerName(partnerById(rule, r.inspectorate)) })),
    sentence: jointInspectionSentence(recorded),
    provenance: rule?.provenance ?? null,
    signedOff: inspection.status === 'signed-off',
  };
}

const LOCKED = 'its joint inspection partners are locked';

/** Records the partner inspectorates (all of them: those not named are removed), audited when they change. */
export async function setPartnerInspectorates(db: Db, input: { inspectionId: number; inspectorates: readonly string[] }, actor: string): Promise<void> {
  const { rule, nation, organisationWord } = await contextOf(db, input.inspectionId);
  const chosen = [...new Set(input.inspectorates.map((s) => s.trim()).filter(Boolean))];
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, LOCKED);
    const [rows, inspectors] = await Promise.all([listPartnerInspectorates(trx, input.inspectionId), listPartnerInspectors(trx, input.inspectionId)]);
    const problems = checkPartnerInspectorates(chosen, { rule, nation, organisation: organisationWord, inspectors });
    if (problems.length) throw new FieldError(problems);
    const before = rows.map((r) => r.inspectorate);
    const added = chosen.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !chosen.includes(id));
    if (!added.length && !removed.length) return;
    for (const id of removed) await deletePartnerInspectorate(trx, input.inspectionId, id);
    for (const id of added) await insertPartnerInspectorate(trx, input.inspectionId, id, actor);
    const inOrder = (ids: readonly string[]) => (rule?.partners ?? []).filter((p) => ids.includes(p.id)).map(partnerName);
    await recordAudit(trx, {
      actor,
      action: 'inspection.partner-inspectorates-set',
      entity: 'inspection',
      entityId: input.inspectionId,
      inspectionId: input.inspectionId,
      before: { inspectorates: inOrder(before) },
      after: { inspectorates: inOrder(chosen) },
    });
  });
}

/** Adds a partner inspector to the team: a name, one of the inspection's partner inspectorates, an optional email. */
export async function addPartnerInspector(db: Db, input: { inspectionId: number; name: string; inspectorate: string; email: string }, actor: string): Promise<number> {
  const { rule } = await contextOf(db, input.inspectionId);
  return inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, LOCKED);
    const recorded = inFrameworkOrder(rule, (await listPartnerInspectorates(trx, input.inspectionId)).map((r) => r.inspectorate));
    const problems = checkPartnerInspector(input, recorded);
    if (problems.length) throw new FieldError(problems);
    const name = input.name.trim();
    const email = input.email.trim() || null;
    const id = await insertPartnerInspector(trx, { inspectionId: input.inspectionId, inspectorate: input.inspectorate, name, email, addedBy: actor });
    const inspectorate = partnerById(rule, input.inspectorate);
    await recordAudit(trx, {
      actor,
      action: 'inspection.partner-inspector-added',
      entity: 'inspection',
      entityId: input.inspectionId,
      inspectionId: input.inspectionId,
      after: { id, name, inspectorate: inspectorate.abbreviation ?? inspectorate.name, email },
    });
    return id;
  });
}

/** Removes a partner inspector from the team. */
export async function removePartnerInspector(db: Db, input: { inspectionId: number; inspectorId: number }, actor: string): Promise<void> {
  const { rule } = await contextOf(db, input.inspectionId);
  await inTransaction(db, async (trx) => {
    await holdOpenInspection(trx, input.inspectionId, LOCKED);
    const removed = await deletePartnerInspector(trx, input.inspectionId, input.inspectorId);
    if (!removed) throw new AppError('not-found', 'That partner inspector is not on the team');
    const inspectorate = partnerById(rule, removed.inspectorate);
    await recordAudit(trx, {
      actor,
      action: 'inspection.partner-inspector-removed',
      entity: 'inspection',
      entityId: input.inspectionId,
      inspectionId: input.inspectionId,
      before: { id: removed.id, name: removed.name, inspectorate: inspectorate.abbreviation ?? inspectorate.name, email: removed.email },
    });
  });
}
