// The people-on-probation survey in the PDU report (4.21): a survey of the demonstration inspection
// is sent and people reply; the report page, the PDF and the analysts' workbook then give the same
// response rate and agree shares, a share withheld where fewer than 10 answered. The report goes to
// the service only once the survey is closed, so the results it gives can no longer change.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOutboxSender } from '../../src/adapters/sms/local-outbox.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { demoContactsCsv, demoPhone } from '../../src/services/survey/demo-contacts.ts';
import { receiveInboundBatch } from '../../src/services/survey/inbound.ts';
import type { SurveyMessaging } from '../../src/services/survey/messaging.ts';
import { closeSurvey, sendSurvey, uploadContacts } from '../../src/services/survey/survey.ts';
import { signOff } from '../../src/services/lead-inspector.ts';
import { addRecommendationTo, moveReport, reportOverview, saveReportText } from '../../src/services/publication.ts';
import { loadPduReport } from '../../src/services/report-loading.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { hasPoppler } from '../support/tools.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let sms: SurveyMessaging;
let sender: LocalOutboxSender;
let dir: string;
let demoId: number;
let lead: TestSession;
let analyst: TestSession;


const S1 = 'I have been able to access the services I need to make positive changes to my life';
const S2 = 'I have been able to access these services in a reasonable time (I did not have to wait too long)';

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  dir = mkdtempSync(join(tmpdir(), 'report-survey-test-'));
  sender = new LocalOutboxSender(dir);
  const services = createServices(handle.db, { sms: sender });
  sms = services.sms;
  app = createApp({ db: handle.db, ...services });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  analyst = await signedIn(handle.db, 'analyst');
});
afterAll(async () => {
  await sms?.dispatcher.stop();
  await sender?.close();
  await handle?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });

describe('the survey in the report', () => {
  it('says no survey results are recorded while the survey has not been sent', async () => {
    const upload = await uploadContacts(handle.db, { inspectionId: demoId, fileName: 'contacts.csv', bytes: new TextEncoder().encode(demoContactsCsv(20)) }, 'test');
    expect(upload.ok).toBe(true);
    const { report } = await loadPduReport(handle.db, demoId);
    expect(report.peopleOnProbation).toMatchObject({ recorded: false, statement: 'No survey results are recorded for this inspection.' });
  });

  it('reports the replies once the survey is sent and people answer', async () => {
    await sendSurvey(handle.db, demoId, 'test');
    // 12 of the 20 reply: 9 strongly agree with every statement and 3 disagree; 7 of them skip the
    // second statement, so only 5 answer it.
    let id = 0;
    for (let i = 0; i < 12; i++) {
      const point = i < 9 ? '1' : '4';
      const replies = Array.from({ length: 11 }, (_, k) => (k === 1 && i < 7 ? 'SKIP' : point));
      await receiveInboundBatch(handle.db, replies.map((message) => ({ id: `report-${++id}`, sourceNumber: demoPhone(i).slice(1), message })));
    }
    const { report } = await loadPduReport(handle.db, demoId);
    const pop = report.peopleOnProbation;
    expect(pop).toMatchObject({ recorded: true, responseRate: 60, respondents: 12, invited: 20 });
    expect(pop.statements.find((s) => s.id === 's1')).toMatchObject({ text: S1, agreeShare: 75, responses: 12, agreed: '75%' });
    expect(pop.statements.find((s) => s.id === 's2')).toMatchObject({ text: S2, agreeShare: null, responses: 5, suppressed: true, agreed: 'Not shown: fewer than 10 answered' });
  });

  it('shows them on the report page', async () => {
    const html = await (await get(lead, `/inspections/${demoId}/report`)).text();
    expect(html).toContain('60% of the people on probation invited responded to the survey (12 of 20).');
    expect(html).not.toContain('No survey results are recorded for this inspection.');
    expect(html).toContain(S1);
    expect(html).toContain('75%');
    expect(html).toContain('Not shown: fewer than 10 answered');
    expect(html).toContain('the share who agreed is not shown');
  });

  it.skipIf(!hasPoppler)('shows them in the PDF', async () => {
    const res = await get(analyst, `/inspections/${demoId}/report?format=pdf`);
    expect(res.status).toBe(200);
    writeFileSync(join(dir, 'report.pdf'), Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', [join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('60% of the people on probation invited responded to the survey (12 of 20).');
    expect(text).toContain('Not shown: fewer than 10 answered');
    expect(text).not.toContain('No survey results are recorded');
  });

  it('puts them in the analysts\' workbook', async () => {
    const res = await get(analyst, `/inspections/${demoId}/export.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = wb.getWorksheet('People on probation')!;
    expect(sheet).toBeDefined();
    const rows = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Contacted', 20]);
    expect(rows).toContainEqual(['Responded', 12]);
    expect(rows).toContainEqual(['Response rate (%)', 60]);
    expect(rows).toContainEqual(['s1', S1, 12, 75]);
    expect(rows).toContainEqual(['s2', S2, 5, undefined, 'Not shown: fewer than 10 answered']);
    expect(wb.worksheets.at(-1)!.name).toBe('Case attributes');
  });

  it('goes to the service for factual accuracy only once the survey is closed, so its results cannot change after', async () => {
    await signOff(handle.db, demoId, 'test');
    await saveReportText(handle.db, { inspectionId: demoId, foreword: '', overallFindings: 'Findings.' }, 'test');
    await addRecommendationTo(handle.db, { inspectionId: demoId, addressedTo: 'pdu', text: 'Keep people safe.' }, 'test');
    await expect(moveReport(handle.db, { inspectionId: demoId, to: 'factual-accuracy' }, 'test')).rejects.toThrow('Close the survey of people on probation first');
    expect((await reportOverview(handle.db, demoId)).report.status).toBe('draft');
    await closeSurvey(handle.db, demoId, 'test');
    await moveReport(handle.db, { inspectionId: demoId, to: 'factual-accuracy' }, 'test');
    expect((await reportOverview(handle.db, demoId)).report.status).toBe('factual-accuracy');
    expect((await loadPduReport(handle.db, demoId)).report.peopleOnProbation).toMatchObject({ recorded: true, responseRate: 60, respondents: 12 });
  });
});
