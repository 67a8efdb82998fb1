// Writing the report in the app: versions with author and time, stale saves refused (never
// overwriting), named writers approved by the lead, placeholders checked and filled, the narrative
// in the report's HTML (escaped) and tagged PDF (pdftotext), the pages and who may use them, the
// publication workflow's locks, and the audit trail of every change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addFactualAccuracyComment, decideFactualAccuracyComment, getReport, listAudit, saveReport } from '../../src/db/repositories/index.ts';
import { listSectionVersions } from '../../src/db/repositories/report-writing-repository.ts';
import { createApp } from '../../src/http/app.ts';
import { loadPduReport } from '../../src/services/report-loading.ts';
import { taggedReportPdf } from '../../src/reports/tagged-pdf/report-tagged-pdf.ts';
import { rateStoredInspection } from '../../src/services/inspections.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler } from '../support/tools.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
let lead: TestSession;
let writer: TestSession;
let reader: TestSession;
let leeds: TestSession;
let dir: string;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  writer = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  reader = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
  leeds = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  dir = mkdtempSync(join(tmpdir(), 'report-writing-test-'));
}, 180_000);
afterAll(async () => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  await handle?.close();
});

const base = () => `/inspections/${demoId}/report-writing`;
const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });
const post = (s: TestSession, path: string, fields: Record<string, string>) => app.request(path, formPost(s, fields));
const save = (s: TestSession, section: string, fields: Record<string, string>) => post(s, `${base()}/${section}`, fields);
const versions = (section: string) => listSectionVersions(handle.db, demoId, section);

describe('writing a section', () => {
  it('keeps each of the lead’s saves as a new, approved version with its author and time', async () => {
    expect((await save(lead, 'overall-findings', { baseVersion: '0', text: 'Leadership was strong.\n\nCase work needs to improve.' })).status).toBe(303);
    expect((await save(lead, 'overall-findings', { baseVersion: '1', text: 'Leadership was strong.\n\nCase work to keep people safe needs to improve.', note: 'Sharper' })).status).toBe(303);
    const saved = await versions('overall-findings');
    expect(saved.map((v) => [v.version, v.author, v.approvedBy, v.note])).toEqual([
      [1, `user:${lead.userId}`, `user:${lead.userId}`, ''],
      [2, `user:${lead.userId}`, `user:${lead.userId}`, 'Sharper'],
    ]);
    expect(saved[1]!.createdAt).toBeInstanceOf(Date);
    // The publication workflow reads the approved overall findings from the report itself.
    expect((await getReport(handle.db, demoId)).overallFindings).toBe('Leadership was strong.\n\nCase work to keep people safe needs to improve.');
  });

  it('refuses a save based on a version someone has replaced, showing both texts and losing nothing', async () => {
    const res = await save(lead, 'overall-findings', { baseVersion: '1', text: 'An older draft, edited.' });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('Version 2 of this section was saved after the version 1 you started from');
    expect(html).toContain('>An older draft, edited.</textarea>');
    expect(html).toContain('name="baseVersion" value="2"');
    expect(html).toMatch(/<del class="app-diff-removed"><span class="govuk-visually-hidden">\[removed: <\/span>[^<]*Leadership/);
    expect(html).toContain('<ins class="app-diff-added">');
    expect((await versions('overall-findings')).length).toBe(2);
  });

  it('refuses an unknown placeholder, naming it, and keeps what was typed', async () => {
    const res = await save(lead, 'standard-2.1', { baseVersion: '0', narrative: 'Rated {{rating:2.1}} but {{rating:9.9}}.', strengths: '', improvements: '' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Narrative: {{rating:9.9}} is not a placeholder this report offers');
    expect(html).toContain('href="#narrative"');
    expect(html).toContain('Rated {{rating:2.1}} but {{rating:9.9}}.</textarea>');
    expect(await versions('standard-2.1')).toEqual([]);
  });

  it('lists the placeholders a standard’s section offers, with their values now', async () => {
    const html = await (await get(lead, `${base()}/standard-2.1`)).text();
    expect(html).toContain('<code>{{rating:2.1}}</code>');
    expect(html).toContain('<code>{{percentage:2.1.1}}</code>');
    expect(html).toContain('<code>{{cases:complete}}</code>');
    expect(html).not.toContain('<code>{{rating:2.2}}</code>');
  });
});

describe('report writers', () => {
  it('lets only the lead and named writers save; the lead names a team inspector, audited', async () => {
    expect((await save(writer, 'diversity', { baseVersion: '0', text: 'Not yet a writer.' })).status).toBe(403);
    expect((await post(writer, `/inspections/${demoId}/report-writers`, { userId: String(writer.userId) })).status).toBe(403);
    expect((await post(lead, `/inspections/${demoId}/report-writers`, { userId: String(leeds.userId) })).status).toBe(400);
    expect((await post(lead, `/inspections/${demoId}/report-writers`, { userId: String(writer.userId) })).status).toBe(303);
    const overview = await (await get(reader, base())).text();
    expect(overview).toContain(`Test inspector`);
    expect(overview).not.toContain('Name the report writer');
    const audit = await listAudit(handle.db, { inspectionId: demoId });
    expect(audit.some((e) => e.action === 'report.writer-named' && (e.after as { userId: number }).userId === writer.userId)).toBe(true);
  });

  it('keeps a writer’s version out of the report until the lead approves it', async () => {
    expect((await save(lead, 'standard-2.1', { baseVersion: '0', narrative: 'First draft by the lead.', strengths: '', improvements: '' })).status).toBe(303);
    const text = 'Planning was rated {{rating:2.1}}: {{percentage:2.1.1}} of cases were sufficient.\n\n- Plans named risks\n- Plans were reviewed';
    const res = await save(writer, 'standard-2.1', { baseVersion: '1', narrative: text, strengths: '- Clear plans\n- Good reviews', improvements: 'More work with partners' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${base()}/standard-2.1?saved=2`);
    expect(await (await get(writer, `${base()}/standard-2.1?saved=2`)).text()).toContain('it waits for the lead inspector’s approval');
    let report = (await loadPduReport(handle.db, demoId)).report;
    expect(report.standards.find((s) => s.id === '2.1')!.narrative.text).toEqual([{ kind: 'paragraph', text: 'First draft by the lead.' }]);

    expect((await post(writer, `${base()}/standard-2.1/versions/2/approve`, {})).status).toBe(403);
    expect((await post(lead, `${base()}/standard-2.1/versions/2/approve`, {})).status).toBe(303);
    expect((await post(lead, `${base()}/standard-2.1/versions/2/approve`, {})).status).toBe(409);
    report = (await loadPduReport(handle.db, demoId)).report;
    const { ratings } = await rateStoredInspection(handle.db, demoId);
    const s21 = ratings.standards.find((s) => s.id === '2.1')!;
    const kq = s21.keyQuestions.find((k) => k.id === '2.1.1')!;
    const narrative = report.standards.find((s) => s.id === '2.1')!.narrative;
    expect(narrative.text[0]).toEqual({ kind: 'paragraph', text: `Planning was rated ${s21.rating ?? '[not yet rated]'}: ${kq.percentage}% of cases were sufficient.` });
    expect(narrative.text[1]).toEqual({ kind: 'list', items: ['Plans named risks', 'Plans were reviewed'] });
    expect(narrative.strengths).toEqual(['Clear plans', 'Good reviews']);
    expect(narrative.improvements).toEqual(['More work with partners']);

    const overview = await (await get(lead, base())).text();
    expect(overview).toMatch(/Version 2 by Test inspector \d+/);
    const audit = await listAudit(handle.db, { inspectionId: demoId });
    expect(audit.filter((e) => e.action === 'report.section-saved').length).toBeGreaterThanOrEqual(4);
    expect(audit.some((e) => e.action === 'report.section-approved' && (e.after as { version: number }).version === 2)).toBe(true);
  });

  it('shows tracked changes between any two versions, with text labels', async () => {
    const res = await get(reader, `${base()}/standard-2.1/compare?from=1&to=2`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<del class="app-diff-removed"><span class="govuk-visually-hidden">[removed: </span>First draft by the lead.');
    expect(html).toContain('[added: </span>Planning was rated {{rating:2.1}}');
    expect((await get(reader, `${base()}/standard-2.1/compare?from=1&to=9`)).status).toBe(400);
    expect((await get(reader, `${base()}/no-such-section`)).status).toBe(404);
  });
});

describe('the narrative in the report', () => {
  it('shows each section where the report has it, escaped, with placeholders filled', async () => {
    expect((await save(lead, 'diversity', { baseVersion: '0', text: 'Diversity <script>alert(1)</script> was {{rating:diversity}}.' })).status).toBe(303);
    expect((await save(lead, 'people-on-probation', { baseVersion: '0', text: 'People told us they felt listened to.' })).status).toBe(303);
    const html = await (await get(lead, `/inspections/${demoId}/report`)).text();
    expect(html).toContain('Diversity &lt;script&gt;alert(1)&lt;/script&gt; was ');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('{{rating:diversity}}');
    expect(html).toContain('<h4 class="govuk-heading-s">Strengths</h4>');
    expect(html).toContain('<li>Clear plans</li>');
    // The overall findings follow the ratings summary; a standard's narrative comes before its figures.
    expect(html.indexOf('id="ratings"')).toBeLessThan(html.indexOf('id="overall-findings"'));
    expect(html.indexOf('Case work to keep people safe needs to improve.')).toBeGreaterThan(html.indexOf('Ratings by standard'));
    const s21 = html.indexOf('id="standard-2.1"');
    expect(html.indexOf('Plans named risks', s21)).toBeLessThan(html.indexOf('2.1 key questions', s21));
    expect(html.indexOf('People told us they felt listened to.')).toBeGreaterThan(html.indexOf('id="people-on-probation"'));
  });

  it.skipIf(!hasPoppler)('puts the narrative in the tagged PDF (pdftotext)', async () => {
    const pdf = await taggedReportPdf((await loadPduReport(handle.db, demoId)).report);
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Case work to keep people safe needs to improve.');
    expect(text).toContain('Plans named risks');
    expect(text).toContain('Areas for improvement');
    expect(text).toContain('More work with partners');
    expect(text).toContain('People told us they felt listened to.');
    expect(text).not.toContain('{{');
    expect(text.indexOf('Ratings by standard')).toBeLessThan(text.indexOf('Case work to keep people safe'));
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
  });
});

describe('who may see the drafts, and when they may change', () => {
  it('lets the team read, and never the inspected service', async () => {
    for (const path of [base(), `${base()}/standard-2.1`, `${base()}/standard-2.1/compare`]) {
      expect((await get(reader, path)).status).toBe(200);
      expect((await get(leeds, path)).status).toBe(403);
    }
    const readOnly = await (await get(reader, `${base()}/standard-2.1`)).text();
    expect(readOnly).not.toContain('Save a new version');
    expect(readOnly).toContain('Only the lead inspector and the report writers the lead names write the report.');
  });

  it('during the factual accuracy check, lets only the lead change the text, acting on an accepted comment; locks it once embargoed', async () => {
    const report = await getReport(handle.db, demoId);
    await saveReport(handle.db, { ...report, status: 'factual-accuracy', updatedBy: 'test' });
    const commentId = await addFactualAccuracyComment(handle.db, demoId, { author: `user:${leeds.userId}`, section: 'Diversity', comment: 'Our diversity data is collected.' });
    const latest = String((await versions('diversity')).at(-1)!.version);
    expect((await save(writer, 'diversity', { baseVersion: latest, text: 'Changed by a writer.' })).status).toBe(409);
    const noComment = await save(lead, 'diversity', { baseVersion: latest, text: 'Diversity data is collected but not used.' });
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain('Select the accepted factual accuracy comment this change acts on');
    expect((await save(lead, 'diversity', { baseVersion: latest, text: 'Diversity data is collected but not used.', commentId: String(commentId) })).status).toBe(400);
    await decideFactualAccuracyComment(handle.db, demoId, commentId, { decision: 'accepted', reason: 'Correct', by: 'test' });
    expect((await save(lead, 'diversity', { baseVersion: latest, text: 'Diversity data is collected but not used.', commentId: String(commentId) })).status).toBe(303);
    expect((await versions('diversity')).at(-1)!.factualAccuracyCommentId).toBe(commentId);
    // The service reads the draft report (approved text only) at the check, but never the drafts.
    expect((await get(leeds, `/inspections/${demoId}/report`)).status).toBe(200);
    expect((await get(leeds, base())).status).toBe(403);

    await saveReport(handle.db, { ...report, status: 'embargoed', publishOn: '2999-01-01', updatedBy: 'test' });
    const next = String((await versions('diversity')).at(-1)!.version);
    const locked = await save(lead, 'diversity', { baseVersion: next, text: 'Too late.', commentId: String(commentId) });
    expect(locked.status).toBe(409);
    expect(await locked.text()).toContain('its text is locked');
    const page = await (await get(lead, `${base()}/diversity`)).text();
    expect(page).not.toContain('Save a new version');
    await saveReport(handle.db, { ...report, status: 'draft', updatedBy: 'test' });
  });
});

describe('the report and publication page’s text form', () => {
  it('records its saves as versions too, so the foreword’s history is whole', async () => {
    const res = await post(lead, `/inspections/${demoId}/publication/text`, { foreword: 'A foreword from the publication page.', overallFindings: (await getReport(handle.db, demoId)).overallFindings });
    expect(res.status).toBe(303);
    const foreword = await versions('foreword');
    expect(foreword.at(-1)).toMatchObject({ parts: { text: 'A foreword from the publication page.' }, author: `user:${lead.userId}`, note: 'Saved on the report and publication page' });
    expect(foreword.at(-1)!.approvedBy).not.toBeNull();
    // Unchanged overall findings make no new version.
    expect((await versions('overall-findings')).length).toBe(2);
  });
});
