// Domain-one evidence through its service: recorded, changed and withdrawn against a standard's key
// questions and prompts, every change audited, linked survey and case figures read from the
// inspection, locked after sign-off; the lead and the inspectors the lead allows record it, only
// the lead rates, and the inspected service is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getInspection, listAudit, membershipsOf, setInspectionStatus, type Db } from '../../src/db/repositories/index.ts';
import { listDomainOneEvidence } from '../../src/db/repositories/domain-one-evidence-repository.ts';
import type { Actor } from '../../src/domain/access/permissions.ts';
import type { EvidenceInput } from '../../src/domain/domain-one/evidence.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import {
  changeEvidence,
  domainOneCounts,
  evidenceWriterChoices,
  recordEvidence,
  setEvidenceWriters,
  StaleEvidenceError,
  standardWorkspace,
  withdrawEvidence,
  type EvidenceActor,
} from '../../src/services/domain-one-evidence.ts';
import { AppError, FieldError } from '../../src/services/errors.ts';
import { currentPublication, scopeOf } from '../../src/services/inspection-scope.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { runDemoSurvey } from '../../src/services/survey/demo-survey.ts';
import { signedIn } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

let handle: TestDatabase;
let db: Db;
let demoId: number;
const people: Record<'lead' | 'inspector' | 'colleague' | 'service', { userId: number; role: Actor['role'] }> = {} as never;

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  db = handle.db;
  await loadReferenceData(db, 'test');
  demoId = (await ensureDemoInspection(db))!;
  await runDemoSurvey(db, demoId, { people: 24, phoneOffset: 900, seed: 3 }, 'test');
  people.lead = { userId: (await signedIn(db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } })).userId, role: 'lead-inspector' };
  people.inspector = { userId: (await signedIn(db, 'inspector', { inspection: { id: demoId, as: 'inspector' } })).userId, role: 'inspector' };
  people.colleague = { userId: (await signedIn(db, 'inspector', { inspection: { id: demoId, as: 'inspector' } })).userId, role: 'inspector' };
  people.service = { userId: (await signedIn(db, 'service-staff', { service: 'Leeds' })).userId, role: 'service-staff' };
});
afterAll(() => handle?.close());

/** The person as the web app's guard sees them, read now (memberships and the report's stage). */
async function as(person: keyof typeof people): Promise<EvidenceActor> {
  const { userId, role } = people[person];
  const inspection = (await getInspection(db, demoId))!;
  const actor: Actor = { userId, role, organisationId: person === 'service' ? inspection.organisationId : null, memberships: await membershipsOf(db, userId) };
  return { actor, scope: scopeOf(inspection, await currentPublication(db)), by: `user:${userId}` };
}

const today = clock.today();
const interview: EvidenceInput = {
  itemId: '1.1.1a',
  kind: 'interview',
  source: 'Interview with the head of PDU',
  date: today,
  text: 'Staff were consulted on the delivery plan.',
  finding: 'strength',
  surveyStatementId: '',
  caseKeyQuestionId: '',
};

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof AppError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return e;
};

describe('recording evidence', () => {
  it('stores it against the key question or prompt and audits who recorded what', async () => {
    const lead = await as('lead');
    const evidence = await recordEvidence(db, lead, '1.1', interview);
    expect(evidence).toMatchObject({ standardId: '1.1', itemId: '1.1.1a', kind: 'interview', date: today, finding: 'strength', recordedBy: lead.by, version: 1 });
    const event = (await listAudit(db, { inspectionId: demoId })).at(-1)!;
    expect(event).toMatchObject({ action: 'domain-one-evidence.recorded', entity: 'domain-one-evidence', entityId: `${demoId}/${evidence.id}`, actor: lead.by, after: { standard: '1.1', item: '1.1.1a', source: 'Interview with the head of PDU', finding: 'strength' } });
    const ws = await standardWorkspace(db, lead, '1.1');
    const group = ws.grouped.groups.find((g) => g.keyQuestionId === '1.1.1')!;
    expect(group.evidence.map((e) => e.id)).toContain(evidence.id);
    expect(group.evidence.find((e) => e.id === evidence.id)!.target).toMatchObject({ id: '1.1.1a', kind: 'prompt' });
    expect(group.counts.strengths).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad evidence with every problem by field, storing nothing', async () => {
    const before = (await listDomainOneEvidence(db, demoId)).length;
    const e = await refusal(recordEvidence(db, await as('lead'), '1.2', { ...interview, itemId: '1.1.1a', source: '', finding: 'excellent', date: '2999-01-01' }));
    expect(e).toBeInstanceOf(FieldError);
    expect((e as FieldError).fields.map((f) => f.field)).toEqual(['itemId', 'source', 'date', 'finding']);
    expect((await refusal(recordEvidence(db, await as('lead'), '2.2', interview))).code).toBe('not-found');
    expect((await listDomainOneEvidence(db, demoId)).length).toBe(before);
  });

  it('links survey evidence to a statement and case findings to a domain-two key question, showing their figures from the inspection', async () => {
    const lead = await as('lead');
    const ws0 = await standardWorkspace(db, lead, '1.3');
    const statement = ws0.links.statements[0]!;
    expect(statement.agree.of).toBeGreaterThan(0);
    const survey = await recordEvidence(db, lead, '1.3', { ...interview, itemId: '1.3.1', kind: 'survey', source: 'Survey of people on probation', text: '', surveyStatementId: statement.id, finding: 'neutral' });
    const cases = await recordEvidence(db, lead, '1.3', { ...interview, itemId: '1.3.1', kind: 'case-findings', source: 'Case assessments', text: '', caseKeyQuestionId: '2.2.1', finding: 'area-for-improvement' });
    // Only the ids are stored: no figures or free text copied.
    const stored = (await listDomainOneEvidence(db, demoId, '1.3')).filter((e) => e.id === survey.id || e.id === cases.id);
    expect(stored.map((e) => [e.text, e.surveyStatementId, e.caseKeyQuestionId])).toEqual([['', statement.id, null], ['', null, '2.2.1']]);
    const ws = await standardWorkspace(db, lead, '1.3');
    const shown = ws.grouped.groups[0]!.evidence;
    expect(shown.find((e) => e.id === survey.id)!.statement).toEqual(statement);
    const { ratings } = await rateStoredInspection(db, demoId);
    const expected = ratings.standards.find((s) => s.id === '2.2')!.keyQuestions.find((k) => k.id === '2.2.1')!;
    expect(shown.find((e) => e.id === cases.id)!.keyQuestion).toEqual(expected);
    expect(ws.links.standing.casesTotal).toBe(40);
  });
});

describe('changing and withdrawing evidence', () => {
  it('changes it over the version it started from, auditing before and after; a change from an older version is refused', async () => {
    const lead = await as('lead');
    const evidence = await recordEvidence(db, lead, '1.2', { ...interview, itemId: '1.2.1', source: 'Staff survey', finding: 'neutral' });
    const changed = await changeEvidence(db, lead, '1.2', evidence.id, 1, { ...interview, itemId: '1.2.1b', source: 'Staff survey', finding: 'area-for-improvement', text: 'Caseloads are too high.' });
    expect(changed).toMatchObject({ version: 2, itemId: '1.2.1b', finding: 'area-for-improvement', changedBy: lead.by });
    const event = (await listAudit(db, { inspectionId: demoId })).at(-1)!;
    expect(event).toMatchObject({ action: 'domain-one-evidence.changed', before: { item: '1.2.1', finding: 'neutral' }, after: { item: '1.2.1b', finding: 'area-for-improvement', text: 'Caseloads are too high.' } });
    const stale = await refusal(changeEvidence(db, lead, '1.2', evidence.id, 1, { ...interview, itemId: '1.2.1' }));
    expect(stale).toBeInstanceOf(StaleEvidenceError);
    expect((await listDomainOneEvidence(db, demoId, '1.2')).find((e) => e.id === evidence.id)).toMatchObject({ version: 2, itemId: '1.2.1b' });
  });

  it('withdraws it with a reason: no longer shown or counted, kept in the audit trail, and no longer changed', async () => {
    const lead = await as('lead');
    const evidence = await recordEvidence(db, lead, '1.4', { ...interview, itemId: '1.4.1', source: 'Estates plan', kind: 'document', finding: 'area-for-improvement' });
    const before = (await domainOneCounts(db, demoId))['1.4']!;
    expect(await refusal(withdrawEvidence(db, lead, '1.4', evidence.id, '  '))).toBeInstanceOf(FieldError);
    await withdrawEvidence(db, lead, '1.4', evidence.id, 'Recorded against the wrong PDU');
    const after = (await domainOneCounts(db, demoId))['1.4']!;
    expect(after).toEqual({ ...before, areasForImprovement: before.areasForImprovement - 1, total: before.total - 1 });
    const ws = await standardWorkspace(db, lead, '1.4');
    expect(ws.grouped.groups.flatMap((g) => g.evidence).some((e) => e.id === evidence.id)).toBe(false);
    expect((await listDomainOneEvidence(db, demoId, '1.4')).find((e) => e.id === evidence.id)).toMatchObject({ withdrawnBy: lead.by, withdrawnReason: 'Recorded against the wrong PDU' });
    const event = (await listAudit(db, { inspectionId: demoId })).at(-1)!;
    expect(event).toMatchObject({ action: 'domain-one-evidence.withdrawn', before: { source: 'Estates plan' }, after: { withdrawn: true, reason: 'Recorded against the wrong PDU' } });
    expect((await refusal(changeEvidence(db, lead, '1.4', evidence.id, 1, interview))).code).toBe('not-found');
    expect((await refusal(withdrawEvidence(db, lead, '1.4', evidence.id, 'again'))).code).toBe('not-found');
  });
});

describe('who records, changes and rates', () => {
  it('inspectors on the team record evidence only once the lead allows them, and change only their own', async () => {
    expect((await refusal(recordEvidence(db, await as('inspector'), '1.1', interview))).code).toBe('forbidden');
    expect((await standardWorkspace(db, await as('inspector'), '1.1')).mayRecord).toBe(false);
    // Only the lead decides.
    expect((await refusal(setEvidenceWriters(db, await as('inspector'), [people.inspector.userId]))).code).toBe('forbidden');
    await setEvidenceWriters(db, await as('lead'), [people.inspector.userId]);
    expect((await evidenceWriterChoices(db, demoId)).filter((c) => c.allowed).map((c) => c.userId)).toEqual([people.inspector.userId]);
    expect((await listAudit(db, { inspectionId: demoId })).at(-1)).toMatchObject({ action: 'domain-one-evidence.writer-allowed', after: { userId: people.inspector.userId } });

    const inspector = await as('inspector');
    const own = await recordEvidence(db, inspector, '1.1', { ...interview, source: 'Focus group with practitioners' });
    const ws = await standardWorkspace(db, inspector, '1.1');
    expect(ws.mayRecord).toBe(true);
    expect(ws.mayRate).toBe(false);
    const shown = ws.grouped.groups.flatMap((g) => g.evidence);
    expect(shown.find((e) => e.id === own.id)!.mayChange).toBe(true);
    const leads = shown.find((e) => e.recordedBy === `user:${people.lead.userId}`)!;
    expect(leads.mayChange).toBe(false);
    expect((await refusal(changeEvidence(db, inspector, '1.1', leads.id, leads.version, interview))).code).toBe('forbidden');
    expect((await refusal(withdrawEvidence(db, inspector, '1.1', leads.id, 'not mine'))).code).toBe('forbidden');
    // The lead changes anyone's.
    await changeEvidence(db, await as('lead'), '1.1', own.id, 1, { ...interview, source: 'Focus group with practitioners', finding: 'neutral' });
    // A colleague the lead did not allow may read, not record.
    expect((await refusal(recordEvidence(db, await as('colleague'), '1.1', interview))).code).toBe('forbidden');
    expect((await standardWorkspace(db, await as('colleague'), '1.1')).grouped.counts.total).toBeGreaterThan(0);
    // Allowed no longer.
    await setEvidenceWriters(db, await as('lead'), []);
    expect((await refusal(recordEvidence(db, await as('inspector'), '1.1', interview))).code).toBe('forbidden');
    expect((await refusal(setEvidenceWriters(db, await as('lead'), [people.service.userId]))).code).toBe('invalid');
  });

  it('refuses the inspected service its evidence at every turn', async () => {
    const service = await as('service');
    expect((await refusal(standardWorkspace(db, service, '1.1'))).code).toBe('forbidden');
    expect((await refusal(recordEvidence(db, service, '1.1', interview))).code).toBe('forbidden');
    const any = (await listDomainOneEvidence(db, demoId, '1.1'))[0]!;
    expect((await refusal(changeEvidence(db, service, '1.1', any.id, any.version, interview))).code).toBe('forbidden');
    expect((await refusal(withdrawEvidence(db, service, '1.1', any.id, 'x'))).code).toBe('forbidden');
  });
});

describe('after sign-off', () => {
  it('locks the evidence: nothing is added, changed, withdrawn or allowed, and the page offers no changes', async () => {
    const lead = await as('lead');
    const any = (await listDomainOneEvidence(db, demoId, '1.1')).find((e) => !e.withdrawnAt)!;
    await setInspectionStatus(db, demoId, 'signed-off');
    try {
      const count = (await listDomainOneEvidence(db, demoId)).length;
      expect((await refusal(recordEvidence(db, lead, '1.1', interview))).message).toContain('signed off');
      expect((await refusal(changeEvidence(db, lead, '1.1', any.id, any.version, interview))).code).toBe('conflict');
      expect((await refusal(withdrawEvidence(db, lead, '1.1', any.id, 'late'))).code).toBe('conflict');
      expect((await refusal(setEvidenceWriters(db, lead, [people.inspector.userId]))).code).toBe('conflict');
      expect((await listDomainOneEvidence(db, demoId)).length).toBe(count);
      const ws = await standardWorkspace(db, lead, '1.1');
      expect([ws.locked, ws.mayRecord, ws.mayRate, ws.grouped.groups.flatMap((g) => g.evidence).some((e) => e.mayChange)]).toEqual([true, false, false, false]);
    } finally {
      await setInspectionStatus(db, demoId, 'in-progress');
    }
  });
});
