// The learning panels' pages: a panel recorded through the form (every problem at once first), an
// action added and moved on, and who may reach them (the SFO QA team; the matrix covers the rest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/db/repositories/index.ts';
import { generateSfoRegister } from '../../src/demo/generate-sfo-register.ts';
import { createApp } from '../../src/http/app.ts';
import { writeRegisterCsv } from '../../src/interchange/sfo/register-file.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { importRegister, sfoRegions } from '../../src/services/sfo/register.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let lead: TestSession;
let sfoInspector: TestSession;
let inspector: TestSession;
let refs: string[];

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'sfo-lead');
  sfoInspector = await signedIn(handle.db, 'sfo-inspector');
  inspector = await signedIn(handle.db, 'inspector');
  const reviews = generateSfoRegister({ seed: 8, regions: await sfoRegions(handle.db), reviews: 20, year: 2024 });
  refs = reviews.map((r) => r.reviewRef);
  await importRegister(handle.db, { fileName: 'r.csv', format: 'csv', content: writeRegisterCsv(reviews) }, 'test');
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const summary = (html: string) => /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';

describe('learning panel pages', () => {
  it('are the SFO QA team’s and refused to an inspector', async () => {
    expect((await get(sfoInspector, '/sfo/panels')).status).toBe(200);
    expect((await get(inspector, '/sfo/panels')).status).toBe(403);
  });

  it('refuse a panel form with every problem at once, in page order, keeping what was typed', async () => {
    const res = await post(sfoInspector, '/sfo/panels', { title: '', 'heldOn-day': '31', 'heldOn-month': '2', 'heldOn-year': '2025', agencies: 'Police', reviewRefs: 'NOPE-9', learningPoints: 'Keep this' });
    expect(res.status).toBe(400);
    const html = await res.text();
    const s = summary(html);
    expect(s.indexOf('Give the panel a name')).toBeGreaterThan(-1);
    expect(s.indexOf('The date the panel met must be a real date')).toBeGreaterThan(s.indexOf('Give the panel a name'));
    expect(s).toContain('Name at least two agencies: a panel is multi-agency');
    expect(html).toContain('Keep this');
  });

  it('record a panel, then add an action and complete it, with a banner each time', async () => {
    const res = await post(sfoInspector, '/sfo/panels', { title: 'Spring panel', 'heldOn-day': '3', 'heldOn-month': '6', 'heldOn-year': '2025', agencies: 'Police\nProbation Service', reviewRefs: `${refs[0]}, ${refs[1]}`, learningPoints: 'Check MAPPA levels at allocation' });
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const page = await (await get(sfoInspector, location)).text();
    expect(page).toContain('The learning panel has been recorded.');
    expect(page).toContain(refs[0]);
    expect(page).toContain('Check MAPPA levels at allocation');
    const path = location.split('?')[0]!;
    const early = await post(lead, `${path}/actions`, { description: 'Brief staff', owner: 'Head of PDU', 'dueOn-day': '1', 'dueOn-month': '6', 'dueOn-year': '2025', region: '' });
    expect(early.status).toBe(400);
    expect(summary(await early.text())).toContain('The due date is before the panel met (3 June 2025)');
    const added = await post(lead, `${path}/actions`, { description: 'Brief staff on MAPPA levels', owner: 'Head of PDU', 'dueOn-day': '1', 'dueOn-month': '9', 'dueOn-year': '2025', region: '' });
    expect(added.status).toBe(303);
    const withAction = await (await get(lead, `${path}?done=added`)).text();
    expect(withAction).toContain('Brief staff on MAPPA levels');
    expect(withAction).toContain('Open (overdue)');
    const actionId = /<option value="(\d+)">Brief staff/.exec(withAction)![1]!;
    const noReason = await post(lead, `${path}/action-states`, { actionId, state: 'withdrawn', note: '' });
    expect(summary(await noReason.text())).toContain('Give the reason');
    expect((await post(lead, `${path}/action-states`, { actionId, state: 'completed', note: '' })).status).toBe(303);
    expect(await (await get(lead, `${path}?done=changed`)).text()).toContain('Completed');
  });

  it('edit a panel: its form filled in, every problem named by field, a date after an action’s due date refused, the change audited', async () => {
    const created = await post(sfoInspector, '/sfo/panels', { title: 'Autumn panel', 'heldOn-day': '2', 'heldOn-month': '9', 'heldOn-year': '2025', agencies: 'Police\nProbation Service', reviewRefs: refs[2]!, learningPoints: 'First point' });
    const path = created.headers.get('location')!.split('?')[0]!;
    await post(lead, `${path}/actions`, { description: 'Review the risk management plans', owner: 'Head of public protection', 'dueOn-day': '1', 'dueOn-month': '10', 'dueOn-year': '2025', region: '' });
    const form = await (await get(sfoInspector, `${path}/edit`)).text();
    expect(form).toContain('value="Autumn panel"');
    expect(form).toContain('Police\nProbation Service');
    expect(form).toContain(refs[2]!);
    const bad = await post(sfoInspector, `${path}/edit`, { title: '', 'heldOn-day': '2', 'heldOn-month': '9', 'heldOn-year': '2025', agencies: 'Police', reviewRefs: 'NOPE-1', learningPoints: '' });
    expect(bad.status).toBe(400);
    const s = summary(await bad.text());
    expect(s).toContain('href="#title">Give the panel a name');
    expect(s).toContain('href="#agencies">Name at least two agencies');
    const unknown = await post(sfoInspector, `${path}/edit`, { title: 'Autumn panel', 'heldOn-day': '2', 'heldOn-month': '9', 'heldOn-year': '2025', agencies: 'Police\nProbation Service', reviewRefs: 'NOPE-1', learningPoints: '' });
    expect(summary(await unknown.text())).toContain('href="#reviewRefs">NOPE-1 is not in the register');
    const late = await post(sfoInspector, `${path}/edit`, { title: 'Autumn panel', 'heldOn-day': '2', 'heldOn-month': '11', 'heldOn-year': '2025', agencies: 'Police\nProbation Service', reviewRefs: refs[2]!, learningPoints: '' });
    expect(late.status).toBe(400);
    expect(summary(await late.text())).toContain('The date the panel met is after the due date of the action ‘Review the risk management plans’');
    const good = await post(sfoInspector, `${path}/edit`, { title: 'Autumn panel (North)', 'heldOn-day': '9', 'heldOn-month': '9', 'heldOn-year': '2025', agencies: 'Police\nProbation Service\nLocal authority', reviewRefs: `${refs[2]}\n${refs[3]}`, learningPoints: 'First point\nSecond point' });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${path}?done=edited`);
    const page = await (await get(sfoInspector, `${path}?done=edited`)).text();
    expect(page).toContain('The learning panel has been changed.');
    expect(page).toContain('Local authority');
    expect(page).toContain(refs[3]!);
    expect(page).toContain('Second point');
    const event = (await listAudit(handle.db, { entity: 'sfo-panel' })).filter((e) => e.action === 'sfo-panel.edited').at(-1)!;
    expect(event.before).toMatchObject({ title: 'Autumn panel', heldOn: '2025-09-02', reviewRefs: [refs[2]] });
    expect(event.after).toMatchObject({ title: 'Autumn panel (North)', heldOn: '2025-09-09', reviewRefs: [refs[2], refs[3]], learningPoints: ['First point', 'Second point'] });
    expect((await get(inspector, `${path}/edit`)).status).toBe(403);
  });

  it('edit an action: its form filled in from the panel’s page, every problem named by field, the change audited with before and after', async () => {
    const created = await post(sfoInspector, '/sfo/panels', { title: 'Winter panel', 'heldOn-day': '2', 'heldOn-month': '12', 'heldOn-year': '2025', agencies: 'Police\nProbation Service', reviewRefs: refs[4]!, learningPoints: 'A point' });
    const path = created.headers.get('location')!.split('?')[0]!;
    await post(lead, `${path}/actions`, { description: 'Audit the home visits', owner: 'Head of PDU', 'dueOn-day': '1', 'dueOn-month': '2', 'dueOn-year': '2026', region: '' });
    const panelPage = await (await get(sfoInspector, path)).text();
    const edit = /href="(\/sfo\/panels\/\d+\/actions\/\d+\/edit)"/.exec(panelPage)![1]!;
    const form = await (await get(sfoInspector, edit)).text();
    expect(form).toContain('Audit the home visits');
    expect(form).toContain('value="Head of PDU"');
    expect(form).toContain('name="dueOn-year" type="text" value="2026"');
    const bad = await post(sfoInspector, edit, { description: '', owner: '', 'dueOn-day': '31', 'dueOn-month': '2', 'dueOn-year': '2026' });
    expect(bad.status).toBe(400);
    const s = summary(await bad.text());
    expect(s.indexOf('href="#description">Say what is to be done')).toBeGreaterThan(-1);
    expect(s.indexOf('href="#owner">Name who owns the action')).toBeGreaterThan(s.indexOf('#description'));
    expect(s.indexOf('href="#dueOn-day"')).toBeGreaterThan(s.indexOf('#owner'));
    const early = await post(sfoInspector, edit, { description: 'Audit the home visits', owner: 'Head of PDU', 'dueOn-day': '1', 'dueOn-month': '12', 'dueOn-year': '2025' });
    expect(summary(await early.text())).toContain('The due date is before the panel met (2 December 2025)');
    const good = await post(sfoInspector, edit, { description: 'Audit the home visits of every high risk case', owner: 'Regional head of public protection', 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': '2026' });
    expect(good.status).toBe(303);
    expect(good.headers.get('location')).toBe(`${path}?done=action-edited#actions`);
    const after = await (await get(sfoInspector, `${path}?done=action-edited`)).text();
    expect(after).toContain('The action has been changed.');
    expect(after).toContain('Audit the home visits of every high risk case');
    expect(after).toContain('31 March 2026');
    const event = (await listAudit(handle.db, { entity: 'sfo-panel' })).filter((e) => e.action === 'sfo-panel.action-edited').at(-1)!;
    expect(event.before).toMatchObject({ description: 'Audit the home visits', owner: 'Head of PDU', dueOn: '2026-02-01' });
    expect(event.after).toMatchObject({ description: 'Audit the home visits of every high risk case', owner: 'Regional head of public protection', dueOn: '2026-03-31' });
    expect((await get(inspector, edit)).status).toBe(403);
    expect((await post(inspector, edit, { description: 'x', owner: 'y', 'dueOn-day': '1', 'dueOn-month': '3', 'dueOn-year': '2026' })).status).toBe(403);
    expect((await get(sfoInspector, `${path}/actions/99999/edit`)).status).toBe(404);
  });
});
