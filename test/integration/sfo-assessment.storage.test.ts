// The SFO assessment journey on a real database: an inspector assigned, drafts saved and a reading
// submitted (flags acknowledged with a reason, then locked); second readings drawn from a seed,
// read blind and compared, disagreements settled; sign-off refused with every blocker and then
// made; release to the regions; the letter only for the region's own staff once released, and its
// actions. Every change audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName, listAudit } from '../../src/db/repositories/index.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import type { Actor } from '../../src/domain/access/permissions.ts';
import type { SfoReading } from '../../src/domain/sfo/assessment.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { loadRegions } from '../../src/reference/organisations.ts';
import { AppError, FieldError } from '../../src/services/errors.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { acknowledgeSfoFlags, assignSfoInspector, saveSfoFirstReading, sfoAssessmentView } from '../../src/services/sfo/assessment.ts';
import { addSfoRegionAction, sfoFeedbackLetter, sfoFeedbackList } from '../../src/services/sfo/feedback.ts';
import { assignSfoSecondReader, drawSfoModeration, saveSfoSecondReading, settleSfoDisagreement } from '../../src/services/sfo/moderation.ts';
import { importRegister } from '../../src/services/sfo/register.ts';
import { drawSfoSample } from '../../src/services/sfo/sample.ts';
import { releaseSfoSample, sfoSampleProgress, signOffSfoSample } from '../../src/services/sfo/sign-off.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let lead: Actor;
let first: Actor;
let second: Actor;
let regionStaff: Actor;
let otherRegionStaff: Actor;
let sampleId: number;
let refs: { ref: string; region: string }[];
const ids = new Map<string, number>();

const person = async (role: Actor['role'], organisationId: number | null = null): Promise<Actor> => {
  const u = await createAccount(t.db, { email: `${role}-${Math.random().toString(36).slice(2)}@test.local`, displayName: `Test ${role}`, role, organisationId }, 'test');
  return { userId: u.id, role, organisationId, memberships: new Map() };
};
const reading = (ratings: string[], overall: string): SfoReading => ({
  standards: Object.fromEntries(ratings.map((r, i) => [String(i + 1), { rating: r, rationale: `Standard ${i + 1}: ${r}`, evidence: `Notes ${i + 1}` }])),
  overall,
  overallRationale: `Overall ${overall}`,
});
const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
  const regions = loadRegions().regions.map((r) => r.name);
  await importRegister(t.db, { fileName: 'r.csv', format: 'csv', content: writeRegisterCsv(generateSfoRegister({ seed: 4, regions: regions.slice(0, 2), reviews: 12 })) }, 'test');
  sampleId = (await drawSfoSample(t.db, { periodFrom: '2024-04-01', periodTo: '2025-03-31', share: 0.2, seed: 9 }, 'test')).sample.id;
  refs = (await sfoSampleProgress(t.db, sampleId)).reviews.map((r) => ({ ref: r.review.reviewRef, region: r.review.region }));
  lead = await person('sfo-lead');
  first = await person('sfo-inspector');
  second = await person('sfo-inspector');
  const region = (await findOrganisationByName(t.db, 'region', refs[0]!.region))!;
  const other = (await findOrganisationByName(t.db, 'region', regions.find((r) => r !== refs[0]!.region)!))!;
  regionStaff = await person('service-staff', region.id);
  otherRegionStaff = await person('service-staff', other.id);
});
afterAll(() => t?.close());

describe('the first reading', () => {
  it('is assigned by the lead only, to an SFO QA inspector', async () => {
    expect((await refusal(assignSfoInspector(t.db, sampleId, { reviewRef: refs[0]!.ref, inspectorId: first.userId }, first))).code).toBe('forbidden');
    expect(((await refusal(assignSfoInspector(t.db, sampleId, { reviewRef: refs[0]!.ref, inspectorId: regionStaff.userId }, lead))) as FieldError).fields).toEqual([{ field: 'inspectorId', message: 'Select an SFO QA inspector or lead' }]);
    for (const r of refs) ids.set(r.ref, await assignSfoInspector(t.db, sampleId, { reviewRef: r.ref, inspectorId: first.userId }, lead));
    expect((await listAudit(t.db, { entity: 'sfo-assessment' })).filter((e) => e.action === 'sfo-assessment.assigned')).toHaveLength(refs.length);
  });

  it('saves a draft, refuses to submit an incomplete one, and only its inspector records it', async () => {
    const id = ids.get(refs[0]!.ref)!;
    const draft = await saveSfoFirstReading(t.db, id, { reading: { standards: { '1': { rating: 'Good', rationale: 'Thorough' } } }, submit: false }, first);
    expect(draft.assessment.state).toBe('in-progress');
    expect(draft.assessment.reading.standards['1']).toEqual({ rating: 'Good', rationale: 'Thorough' });
    const incomplete = (await refusal(saveSfoFirstReading(t.db, id, { reading: draft.assessment.reading, submit: true }, first))) as FieldError;
    expect(incomplete.fields.map((f) => f.field)).toContain('rating-2');
    expect((await refusal(saveSfoFirstReading(t.db, id, { reading: draft.assessment.reading, submit: false }, second))).code).toBe('forbidden');
  });

  it('flags an overall rating inconsistent with the standards, and submits only with a reason; then locks it', async () => {
    const id = ids.get(refs[0]!.ref)!;
    const flagged = reading(['Inadequate', 'Inadequate', 'Good', 'Good'], 'Good');
    const refused = (await refusal(saveSfoFirstReading(t.db, id, { reading: flagged, submit: true }, first))) as FieldError;
    expect(refused.fields).toEqual([{ field: 'acknowledgement', message: 'Enter why the overall rating stands despite the flags on it, or change it' }]);
    const saved = await saveSfoFirstReading(t.db, id, { reading: flagged, learningPoints: 'Record the victim contact\nShare the analysis', submit: true, acknowledgement: 'The two failings were minor in the whole' }, first);
    expect(saved.assessment.state).toBe('submitted');
    expect(saved.flags.map((f) => f.rule)).toEqual(['good-overall-with-two-inadequate']);
    expect(saved.unacknowledged).toEqual([]);
    expect(saved.acknowledgements[0]).toMatchObject({ reason: 'The two failings were minor in the whole' });
    expect((await refusal(saveSfoFirstReading(t.db, id, { reading: flagged, submit: false }, first))).code).toBe('conflict');
    const audit = await listAudit(t.db, { entity: 'sfo-assessment', entityId: String(id) });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['sfo-assessment.saved', 'sfo-assessment.flags-acknowledged', 'sfo-assessment.submitted']));
  });
});

describe('moderation and sign-off', () => {
  it('refuses sign-off listing every blocker', async () => {
    const e = await refusal(signOffSfoSample(t.db, sampleId, lead));
    expect(e.code).toBe('conflict');
    const texts = e.problems.map((p) => p.message);
    expect(texts).toContain(`The assessment of ${refs[1]!.ref} is not submitted`);
    expect(texts).toContain('No reviews have been drawn for second-reader moderation');
    expect(e.problems.every((p) => !!p.path?.startsWith('/sfo/'))).toBe(true);
  });

  it('draws a reproducible share of the submitted assessments for a second reading, at least one', async () => {
    for (const r of refs.slice(1)) await saveSfoFirstReading(t.db, ids.get(r.ref)!, { reading: reading(['Good', 'Good', 'Requires improvement', 'Good'], 'Good'), submit: true }, first);
    const m = await drawSfoModeration(t.db, sampleId, { share: 0.2, seed: 3 }, lead);
    expect(m.drawn.length).toBe(Math.max(1, Math.floor(refs.length * 0.2 + 0.5)));
    expect((await refusal(drawSfoModeration(t.db, sampleId, { share: 0.2, seed: 3 }, lead))).code).toBe('conflict');
    // The first review is always moderated in what follows: make sure it was drawn, by hand if need be.
    if (!m.drawn.includes(refs[0]!.ref)) await t.db.updateTable('sfo_moderation').set({ drawn: JSON.stringify([...m.drawn, refs[0]!.ref]) }).where('sample_id', '=', sampleId).execute();
  });

  it('keeps the second reading blind, compares it, and has the lead settle each disagreement with a reason', async () => {
    const id = ids.get(refs[0]!.ref)!;
    expect(((await refusal(assignSfoSecondReader(t.db, id, first.userId, lead))) as FieldError).fields[0]!.field).toBe('readerId');
    await assignSfoSecondReader(t.db, id, second.userId, lead);
    const view = await sfoAssessmentView(t.db, id);
    expect(view.scope.second).toEqual({ readerId: second.userId, submitted: false });
    const after = await saveSfoSecondReading(t.db, id, { reading: reading(['Inadequate', 'Requires improvement', 'Good', 'Good'], 'Requires improvement'), submit: true }, second);
    expect(after.second!.reading.standards['1']).toEqual({ rating: 'Inadequate', rationale: 'Standard 1: Inadequate' });
    expect(after.unsettled.map((d) => d.item)).toEqual(['2', 'overall']);
    const progress = await sfoSampleProgress(t.db, sampleId);
    const overall = progress.agreement.byItem.find((f) => f.key === 'overall')!;
    expect(overall).toMatchObject({ pairs: 1, agreed: 0, percentage: 0 });
    expect(((await refusal(settleSfoDisagreement(t.db, id, { item: '2', rating: 'Good', reason: '' }, lead))) as FieldError).fields[0]!.field).toBe('reason');
    await settleSfoDisagreement(t.db, id, { item: '2', rating: 'Requires improvement', reason: 'The judgements did not follow from the analysis' }, lead);
    const settled = await settleSfoDisagreement(t.db, id, { item: 'overall', rating: 'Requires improvement', reason: 'Follows from the standards' }, lead);
    expect(settled.unsettled).toEqual([]);
    expect(settled.assessment.state).toBe('moderated');
    expect(settled.assessment.reading.overall).toBe('Requires improvement');
    expect(settled.firstAsSubmitted.overall).toBe('Good');
    expect(settled.settlements.map((s) => [s.item, s.firstRating, s.secondRating, s.settledRating])).toEqual([
      ['2', 'Inadequate', 'Requires improvement', 'Requires improvement'],
      ['overall', 'Good', 'Requires improvement', 'Requires improvement'],
    ]);
  });

  it('signs off once nothing is left, locks the readings, and releases to the regions', async () => {
    const progress = await sfoSampleProgress(t.db, sampleId);
    for (const r of progress.reviews.filter((x) => x.drawn && x.review.reviewRef !== refs[0]!.ref)) {
      await assignSfoSecondReader(t.db, r.assessment!.id, second.userId, lead);
      await saveSfoSecondReading(t.db, r.assessment!.id, { reading: r.assessment!.reading, submit: true }, second);
    }
    const left = (await sfoSampleProgress(t.db, sampleId)).blockers;
    // Settling left the first review Requires improvement overall with standards Inadequate, Requires improvement, Good, Good: no rule flags it.
    expect(left).toEqual([]);
    expect((await refusal(releaseSfoSample(t.db, sampleId, lead))).code).toBe('conflict');
    await signOffSfoSample(t.db, sampleId, lead);
    expect((await refusal(signOffSfoSample(t.db, sampleId, lead))).code).toBe('conflict');
    expect((await refusal(acknowledgeSfoFlags(t.db, ids.get(refs[0]!.ref)!, 'x', lead))).code).toBe('conflict');
    expect((await sfoAssessmentView(t.db, ids.get(refs[0]!.ref)!)).assessment.state).toBe('signed-off');
    await expect(sfoFeedbackLetter(t.db, ids.get(refs[0]!.ref)!, regionStaff)).rejects.toMatchObject({ code: 'not-found' });
    await releaseSfoSample(t.db, sampleId, lead);
    const audit = (await listAudit(t.db, { entity: 'sfo-sample', entityId: String(sampleId) })).map((e) => e.action);
    expect(audit).toEqual(expect.arrayContaining(['sfo-moderation.drawn', 'sfo-sample.signed-off', 'sfo-sample.released']));
  });
});

describe('the feedback letter and the region’s answer', () => {
  it('shows the region its own released reviews only, with ratings, rationales and learning points but no evidence notes', async () => {
    const id = ids.get(refs[0]!.ref)!;
    const letter = await sfoFeedbackLetter(t.db, id, regionStaff);
    expect(letter.standards.map((s) => s.rating)).toEqual(['Inadequate', 'Requires improvement', 'Good', 'Good']);
    expect(letter.overall).toEqual({ rating: 'Requires improvement', rationale: 'Overall Good' });
    expect(letter.learningPoints).toEqual(['Record the victim contact', 'Share the analysis']);
    expect(JSON.stringify(letter)).not.toContain('Notes 1');
    await expect(sfoFeedbackLetter(t.db, id, otherRegionStaff)).rejects.toMatchObject({ code: 'not-found' });
    const own = await sfoFeedbackList(t.db, regionStaff);
    expect(own.items.every((i) => i.region === refs[0]!.region)).toBe(true);
    expect(own.items.map((i) => i.reviewRef)).toContain(refs[0]!.ref);
    expect((await sfoFeedbackList(t.db, otherRegionStaff)).items.map((i) => i.reviewRef)).not.toContain(refs[0]!.ref);
  });

  it('takes the region’s actions (each field checked) and shows them to the SFO team; audited', async () => {
    const id = ids.get(refs[0]!.ref)!;
    const bad = (await refusal(addSfoRegionAction(t.db, id, { action: ' ', owner: '', dueOn: '2020-01-01' }, regionStaff, '2026-01-01'))) as FieldError;
    expect(bad.fields.map((f) => f.field)).toEqual(['action', 'owner', 'dueOn']);
    expect((await refusal(addSfoRegionAction(t.db, id, { action: 'x', owner: 'y', dueOn: '2027-01-01' }, lead))).code).toBe('forbidden');
    await addSfoRegionAction(t.db, id, { action: 'Brief every SFO review author on victim contact', owner: 'Head of quality', dueOn: '2027-03-31' }, regionStaff, '2026-01-01');
    const seen = await sfoFeedbackLetter(t.db, id, lead);
    expect(seen.actions.map((a) => [a.action, a.owner, a.dueOn])).toEqual([['Brief every SFO review author on victim contact', 'Head of quality', '2027-03-31']]);
    expect((await listAudit(t.db, { entity: 'sfo-assessment', entityId: String(id) })).map((e) => e.action)).toContain('sfo-feedback.action-added');
  });
});
