// The people-on-probation text survey through the web app and the inbound webhook: the contact
// list validated whole, texts sent after commit through the outbox, replies matched and counted
// once however often they are delivered (and however many arrive at once), STOP honoured for good,
// numbers never shown and deleted on closing, follow-ups with interview notes, results, and the
// evidence on the domain-one judgements page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalOutboxSender, type OutboxEntry } from '../../src/adapters/sms/local-outbox.ts';
import { claimOutbox, listAudit, setInspectionMember, type Inspection } from '../../src/db/repositories/index.ts';
import type { ConversationState } from '../../src/domain/survey/conversation.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { demoContactsCsv, demoPhone } from '../../src/services/survey/demo-contacts.ts';
import { receiveInboundBatch } from '../../src/services/survey/inbound.ts';
import type { SurveyMessaging } from '../../src/services/survey/messaging.ts';
import { OutboxDispatcher } from '../../src/services/survey/outbox.ts';
import { SmsSendError, type OutgoingSms, type SmsSender } from '../../src/services/survey/sms-sender.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TOKEN = 'test-webhook-token-0123456789abcdef0123';
let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let sms: SurveyMessaging;
let sender: LocalOutboxSender;
let outboxDir: string;
let inspection: Inspection;
let lead: TestSession;
let inspector: TestSession;
let service: TestSession;
let admin: TestSession;

beforeAll(async () => {
  ({ handle } = await openDemoTestDatabase());
  outboxDir = mkdtempSync(join(tmpdir(), 'inspectorate-outbox-test-'));
  sender = new LocalOutboxSender(outboxDir);
  const services = createServices(handle.db, { sms: sender, smsWebhookToken: TOKEN });
  sms = services.sms;
  app = createApp({ db: handle.db, ...services });
  inspection = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: 'Survey test: Leeds' }, 'test');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: inspection.id, as: 'lead-inspector' } });
  inspector = await signedIn(handle.db, 'inspector', { inspection: { id: inspection.id, as: 'inspector' } });
  service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  admin = await signedIn(handle.db, 'administrator');
});
afterAll(async () => {
  await sms?.dispatcher.stop();
  await sender?.close();
  await handle?.close();
  if (outboxDir) rmSync(outboxDir, { recursive: true, force: true });
});

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const surveyPath = (id = inspection.id) => `/inspections/${id}/survey`;

function upload(s: TestSession, path: string, fileName: string, content: string) {
  const form = new FormData();
  form.set('_csrf', s.csrfToken);
  form.set('contacts', new File([content], fileName));
  return app.request(path, { method: 'POST', headers: { cookie: s.cookie, origin: 'http://localhost' }, body: form });
}

let messageCounter = 0;
/** Notify's inbound callback: the number without the +, as Notify sends it. */
function inbound(from: string, message: string, id = `msg-${++messageCounter}`, token = TOKEN) {
  return app.request('/sms/inbound', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ id, source_number: from.replace(/^\+/, ''), destination_number: '07700900000', message, date_received: '2026-09-01T10:15:30.000000Z' }),
  });
}
const reply = async (from: string, message: string, id?: string) => ((await (await inbound(from, message, id)).json()) as { outcome: string }).outcome;

const outboxLines = (): OutboxEntry[] =>
  readFileSync(join(outboxDir, 'sms-outbox.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as OutboxEntry);
const textsTo = (phone: string) => outboxLines().filter((e) => e.to === phone).map((e) => e.body);

async function respondent(phone: string) {
  return handle.db.selectFrom('survey_respondent').selectAll().where('phone', '=', phone).executeTakeFirstOrThrow();
}
async function stateOf(number: number, surveyId?: number): Promise<ConversationState> {
  let q = handle.db.selectFrom('survey_respondent').select('state').where('number', '=', number);
  if (surveyId !== undefined) q = q.where('survey_id', '=', surveyId);
  return (await q.orderBy('id').executeTakeFirstOrThrow()).state as ConversationState;
}

describe('the contact list', () => {
  it('rejects a list with no good row, naming each row and field, and keeps nothing', async () => {
    const bad = ['Mobile,First name,Date of birth', '07700 900001,Ann,1990-13-01,extra', '0113 496 0000,Ben,', '+33 6 12 34 56 78,Cal,', ',Dee,', '07700 90001,Eve,', '07000 900001,Fay,'].join('\n');
    const res = await upload(service, `${surveyPath()}/contacts`, 'contacts.csv', bad);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('6 problems in the list: nothing was kept');
    for (const text of [
      'is a landline or service number',
      'is not a UK number',
      'no phone number given',
      'has 10 digits written as 07…; a UK mobile number has 11',
      'is not a mobile number (070 numbers are personal numbers',
    ])
      expect(html).toContain(text);
    expect(html).toMatch(/Row 3|<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
    expect(await handle.db.selectFrom('survey_respondent').selectAll().execute()).toEqual([]);
  });

  it('takes a good list from the service, texting a number listed twice once, and records counts only', async () => {
    const csv = demoContactsCsv(30) + `${'07700 900000'},Person 1 again\n`;
    const res = await upload(service, `${surveyPath()}/contacts`, 'contacts.csv', csv);
    expect(res.status).toBe(200); // shown with the note about the duplicate
    expect(await res.text()).toContain('the number is also on row 2; it is texted once');
    const people = await handle.db.selectFrom('survey_respondent').select(['number', 'phone']).orderBy('number').execute();
    expect(people).toHaveLength(30);
    expect(people[0]).toEqual({ number: 1, phone: demoPhone(0) });
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).find((e) => e.action === 'survey.contacts-uploaded')!;
    expect(event.after).toEqual({ people: 30, suppressed: 0, listedTwice: 1 });
    expect(JSON.stringify(event)).not.toMatch(/7700/);
  });

  it('only takes a CSV, and only from the service or the lead inspector', async () => {
    expect(await (await upload(service, `${surveyPath()}/contacts`, 'contacts.xlsx', 'x')).text()).toContain('must be a CSV file');
    expect((await upload(inspector, `${surveyPath()}/contacts`, 'contacts.csv', demoContactsCsv(3))).status).toBe(403);
  });
});

describe('sending and the webhook', () => {
  it('sends the opening texts after commit through the outbox, to every person, and then forgets the numbers of texts sent', async () => {
    expect((await app.request(`${surveyPath()}/send`, formPost(service, {}))).status).toBe(403);
    const res = await app.request(`${surveyPath()}/send`, formPost(lead, {}));
    expect(res.status).toBe(303);
    await sms.dispatcher.idle();
    const lines = outboxLines();
    expect(lines).toHaveLength(30 * 3);
    expect(textsTo(demoPhone(0))[0]).toMatch(/^HM Inspectorate of Probation is inspecting probation in Leeds.*Reply STOP to stop\.$/);
    expect(textsTo(demoPhone(0))[2]).toMatch(/^1\/11 /);
    const outbox = await handle.db.selectFrom('sms_outbox').select(['status', 'phone']).execute();
    expect(outbox.every((o) => o.status === 'sent' && o.phone === null)).toBe(true);
    expect((await app.request(`${surveyPath()}/send`, formPost(lead, {}))).status).toBe(409);
  });

  it('refuses callbacks without the shared token, and bad shapes with the field named', async () => {
    expect((await inbound(demoPhone(0), '1', 'x', 'wrong-token-wrong-token-wrong-token')).status).toBe(401);
    expect((await app.request('/sms/inbound', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    const bad = await app.request('/sms/inbound', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ id: 'a', message: 'hi' }) });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('source_number');
  });

  it('runs a reply through the conversation and texts the next question; a redelivered message counts once', async () => {
    const phone = demoPhone(0);
    expect(await reply(phone, '2 agree', 'notify-1')).toBe('answered');
    expect(await reply(phone, '2 agree', 'notify-1')).toBe('duplicate');
    await sms.dispatcher.idle();
    expect(textsTo(phone).at(-1)).toMatch(/^2\/11 /);
    expect(textsTo(phone)).toHaveLength(4);
    const state = await stateOf(1);
    expect(state.answers).toEqual([{ questionId: 's1', status: 'answered', value: '2', replies: ['2 agree'] }]);
    expect(await handle.db.selectFrom('survey_inbound').selectAll().where('provider_id', '=', 'notify-1').execute()).toHaveLength(1);
    expect(await reply(phone, 'banana')).toBe('asked-again');
    expect(await reply(phone, 'SKIP')).toBe('skipped');
    // The audit trail records the event, never the words or the number.
    const events = await listAudit(handle.db, { entity: 'survey-respondent' });
    expect(events.map((e) => (e.after as { event: string }).event)).toEqual(['answered', 'asked-again', 'skipped']);
    expect(JSON.stringify(events)).not.toMatch(/banana|agree|7700/);
  });

  it('counts every reply once when many arrive at once, redeliveries among them', async () => {
    const people = Array.from({ length: 20 }, (_, i) => demoPhone(10 + i));
    const sends = people.flatMap((p, i) => [inbound(p, '1', `burst-${i}`), inbound(p, '1', `burst-${i}`), ...(i % 2 ? [inbound(p, '1', `burst-${i}`)] : [])]);
    const results = await Promise.all(sends.map(async (r) => ((await (await r).json()) as { outcome: string }).outcome));
    expect(results.filter((o) => o === 'answered')).toHaveLength(20);
    expect(results.filter((o) => o === 'duplicate')).toHaveLength(30);
    for (let i = 0; i < 20; i++) expect((await stateOf(11 + i)).answers).toHaveLength(1);
    const stored = await handle.db.selectFrom('survey_inbound').select('provider_id').where('provider_id', 'like', 'burst-%').execute();
    expect(stored).toHaveLength(20);
  });

  it('handles a batch of replies as the same replies one by one: in order, STOP inside a batch, an id twice, an id seen before', async () => {
    // Two people who answered the first statement in the burst above.
    const [a, b] = [demoPhone(28), demoPhone(29)];
    const before = await respondent(b);
    await sms.dispatcher.idle();
    const sentToB = textsTo(b).length;
    // An id stored before as unmatched (delivered before the survey knew the number) makes the batch go one by one.
    await receiveInboundBatch(handle.db, [{ id: 'early-1', sourceNumber: '+447700900998', message: 'hi' }]);
    const results = await receiveInboundBatch(handle.db, [
      { id: 'batch-1', sourceNumber: a, message: '3' },
      { id: 'batch-2', sourceNumber: b, message: '1' },
      { id: 'batch-1', sourceNumber: a, message: '3' },
      { id: 'batch-3', sourceNumber: a, message: '4' },
      { id: 'batch-4', sourceNumber: b, message: 'Stop texting me' },
      { id: 'batch-5', sourceNumber: b, message: '2' },
      { id: 'early-1', sourceNumber: a, message: '5' },
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['answered', 'answered', 'duplicate', 'answered', 'opted-out', 'unmatched', 'duplicate']);
    expect((await stateOf(29)).answers.map((x) => x.value)).toEqual(['1', '3', '4']);
    const opted = await handle.db.selectFrom('survey_respondent').selectAll().where('id', '=', before.id).executeTakeFirstOrThrow();
    expect(opted).toMatchObject({ status: 'opted-out', phone: null });
    expect((opted.state as ConversationState).answers.map((x) => x.value)).toEqual(['1', '1']);
    // The question after b's answer was queued before the STOP in the same batch, and is cancelled with it.
    expect(await handle.db.selectFrom('sms_outbox').select('id').where('respondent_id', '=', before.id).where('status', 'in', ['pending', 'sending']).execute()).toEqual([]);
    await sms.dispatcher.idle();
    expect(textsTo(b)).toHaveLength(sentToB);
  });

  it('opts out for good on STOP: no text is sent again, in this survey or any later one', async () => {
    const phone = demoPhone(1);
    expect(await reply(phone, 'STOP')).toBe('opted-out');
    const person = await handle.db.selectFrom('survey_respondent').selectAll().where('number', '=', 2).orderBy('id').executeTakeFirstOrThrow();
    expect(person).toMatchObject({ status: 'opted-out', phone: null, name: null });
    expect(await reply(phone, 'sorry, 1')).toBe('unmatched');
    await sms.dispatcher.idle();
    expect(textsTo(phone)).toHaveLength(3);
    // A later survey, elsewhere, leaves the number out.
    const later = await createInspection(handle.db, { pduName: 'Sheffield', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2027-03-01', title: 'Later survey' }, 'test');
    await setInspectionMember(handle.db, later.id, lead.userId, 'lead-inspector');
    const res = await upload(lead, `/inspections/${later.id}/survey/contacts`, 'contacts.csv', demoContactsCsv(3));
    expect(res.status).toBe(303);
    const html = await (await get(lead, `/inspections/${later.id}/survey`)).text();
    expect(html).toContain('and 1 left out: they once asked us to stop texting them');
    const kept = await handle.db.selectFrom('survey_respondent as r').innerJoin('survey as s', 's.id', 'r.survey_id').select('r.phone').where('s.inspection_id', '=', later.id).execute();
    expect(kept.map((r) => r.phone).sort()).toEqual([demoPhone(0), demoPhone(2)]);
  });

  it('keeps replies from numbers it does not know by id only', async () => {
    expect(await reply('+447700900999', 'hello', 'stranger-1')).toBe('unmatched');
    expect(await reply('+447700900999', 'hello', 'stranger-1')).toBe('duplicate');
    const row = await handle.db.selectFrom('survey_inbound').selectAll().where('provider_id', '=', 'stranger-1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ event: 'unmatched', respondent_id: null, survey_id: null });
  });
});

describe('answers, follow-ups and results', () => {
  const answerAll = async (phone: string, i: number, followUp: string) => {
    const answers = [...Array.from({ length: 11 }, (_, k) => String(((i + k) % 5) + 1)), 'The staff listened to me', 'Waiting for my course took ages', i % 3 === 0 ? 'female' : 'male', '30-39', 'white', '2', followUp];
    for (const a of answers) await reply(phone, a);
  };

  it('records whole conversations, with follow-up requests listed for interviewers without numbers', async () => {
    for (let i = 3; i < 10; i++) await answerAll(demoPhone(i), i, i === 4 ? '1' : 'no');
    const four = await respondent(demoPhone(4));
    expect(four.status).toBe('completed');
    expect(four.follow_up).toBe('Phone');
    await sms.dispatcher.idle();
    expect(textsTo(demoPhone(4)).at(-1)).toBe('Thank you. Someone from the inspectorate will contact you to arrange a conversation. You do not need to reply.');
    const page = await (await get(inspector, `${surveyPath()}/follow-ups`)).text();
    expect(page).toContain('Person 5');
    expect(page).toContain('Phone');
    for (const s of [inspector, lead]) {
      for (const path of [surveyPath(), `${surveyPath()}/follow-ups`, `${surveyPath()}/follow-ups?person=${four.id}`, `${surveyPath()}/results`]) {
        // Without the page's script nonce: random base64, which can hold '+44' ('ME+44tOPT3O4...').
        const html = (await (await get(s, path)).text()).replace(/ nonce="[^"]*"/g, '');
        expect(html).not.toMatch(/7700|\+44/);
      }
    }
    expect((await get(service, `${surveyPath()}/follow-ups`)).status).toBe(403);
    expect((await get(service, `${surveyPath()}/results`)).status).toBe(403);
  });

  it('texts a person to arrange the conversation, and records interview notes against the prompts they inform', async () => {
    const four = await respondent(demoPhone(4));
    const long = await app.request(`${surveyPath()}/follow-ups/${four.id}/text`, formPost(inspector, { message: 'x'.repeat(161) }));
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('The text must fit one message');
    const ok = await app.request(`${surveyPath()}/follow-ups/${four.id}/text`, formPost(inspector, { message: 'Hello, this is Isla from HM Inspectorate of Probation. Could we talk on Tuesday at 2pm? Reply YES or suggest a time.' }));
    expect(ok.status).toBe(303);
    await sms.dispatcher.idle();
    expect(textsTo(demoPhone(4)).at(-1)).toContain('Could we talk on Tuesday');
    const missing = await app.request(`${surveyPath()}/follow-ups/${four.id}/notes`, formPost(inspector, { text: '' }));
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('Select the prompts the conversation informs');
    expect(missingHtml).toContain('Write the notes of the conversation');
    const body = new URLSearchParams({ _csrf: inspector.csrfToken, text: 'Had to wait four months for a drug course; the officer chased it.' });
    body.append('prompts', '1.3.1a');
    body.append('prompts', '1.3.1e');
    const saved = await app.request(`${surveyPath()}/follow-ups/${four.id}/notes`, { method: 'POST', headers: { cookie: inspector.cookie, origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    expect(saved.status).toBe(303);
    const notes = await handle.db.selectFrom('survey_interview_note').selectAll().execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.prompts).toEqual(['1.3.1a', '1.3.1e']);
  });

  it('shows the results: response rate, each statement, groups under 10 hidden, free text by theme', async () => {
    const html = await (await get(lead, `${surveyPath()}/results`)).text();
    expect(html).toContain('Response rate');
    expect(html).toContain('I have been able to access the services I need to make positive changes to my life');
    expect(html).toContain('Agree or strongly agree');
    expect(html).toContain('fewer than 10 respondents');
    expect(html).toContain('Waiting and delays (');
    expect(html).toContain('Waiting for my course took ages');
    expect(html).toContain('Evidence for domain one');
  });

  it('puts the survey evidence and interview notes beside the domain-one standard they inform', async () => {
    const html = await (await get(lead, `/inspections/${inspection.id}/domain-one/1.3`)).text();
    expect(html).toContain('Survey evidence for 1.3');
    expect(html).toContain('1.3.1a');
    expect(html).toContain('agree or strongly agree');
    expect(html).toContain('Had to wait four months for a drug course');
  });
});

describe('closing the survey', () => {
  it('deletes every number and name and cancels texts not sent; later replies are not matched', async () => {
    const pending = await handle.db.insertInto('sms_outbox').values({ respondent_id: (await respondent(demoPhone(20))).id, phone: demoPhone(20), body: 'pending', reference: 'test', next_attempt_at: new Date(Date.now() + 3_600_000) }).returning('id').executeTakeFirstOrThrow();
    expect((await app.request(`${surveyPath()}/close`, formPost(inspector, {}))).status).toBe(403);
    expect((await app.request(`${surveyPath()}/close`, formPost(lead, {}))).status).toBe(303);
    const people = await handle.db.selectFrom('survey_respondent as r').innerJoin('survey as s', 's.id', 'r.survey_id').select(['r.phone', 'r.name']).where('s.inspection_id', '=', inspection.id).execute();
    expect(people.every((p) => p.phone === null && p.name === null)).toBe(true);
    expect(await handle.db.selectFrom('sms_outbox').select(['status', 'phone']).where('id', '=', pending.id).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled', phone: null });
    expect(await handle.db.selectFrom('sms_outbox').select('id').where('phone', 'is not', null).where('reference', 'like', 'survey-%').execute()).toEqual([]);
    expect(await reply(demoPhone(5), 'one more thing')).toBe('unmatched');
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).find((e) => e.action === 'survey.closed')!;
    expect(event.after).toMatchObject({ status: 'closed', numbersDeleted: 28 });
    // The answers stay for the results.
    expect(await (await get(lead, `${surveyPath()}/results`)).text()).toContain('Response rate');
    expect((await app.request(`${surveyPath()}/close`, formPost(lead, {}))).status).toBe(409);
  });
});

describe('the text outbox', () => {
  it('lists the local outbox for administrators, who can reply as someone texted', async () => {
    expect((await get(lead, '/admin/sms-outbox')).status).toBe(403);
    const html = await (await get(admin, '/admin/sms-outbox')).text();
    expect(html).toContain('This is the local outbox: no text reaches a phone');
    expect(html).toContain('1/11 ');
    const bad = await app.request('/admin/sms-outbox/reply', formPost(admin, { from: '0113 496 0000', text: '' }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Write the reply');
    const later = (await handle.db.selectFrom('survey').select(['id', 'inspection_id']).where('status', '=', 'draft').executeTakeFirstOrThrow());
    expect((await app.request(`/inspections/${later.inspection_id}/survey/send`, formPost(lead, {}))).status).toBe(303);
    const res = await app.request('/admin/sms-outbox/reply', formPost(admin, { from: '07700 900000', text: '5' }));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/sms-outbox?replied=answered');
    expect((await stateOf(1, later.id)).answers[0]).toMatchObject({ questionId: 's1', value: '5' });
  });
});

describe('the outbox dispatcher', () => {
  class FlakySender implements SmsSender {
    readonly label = 'test';
    readonly real = true;
    sent: OutgoingSms[] = [];
    constructor(private readonly fail: (m: OutgoingSms) => SmsSendError | undefined) {}
    async send(m: OutgoingSms) {
      const error = this.fail(m);
      if (error) throw error;
      this.sent.push(m);
      return { providerId: `p-${this.sent.length}` };
    }
  }

  it('tries a busy provider again later, and gives up on a refusal, dropping the number', async () => {
    await sms.dispatcher.idle();
    const [busy, refused, fine] = await handle.db
      .insertInto('sms_outbox')
      .values(['busy', 'refused', 'fine'].map((body) => ({ respondent_id: null, phone: demoPhone(500), body, reference: `dispatch-${body}` })))
      .returning('id')
      .execute();
    const flaky = new FlakySender((m) => (m.body === 'busy' ? new SmsSendError('rate limit', true, 429) : m.body === 'refused' ? new SmsSendError('bad number', false, 400) : undefined));
    const log: string[] = [];
    const dispatcher = new OutboxDispatcher(handle.db, flaky, { retryMs: 60_000, log: (m) => log.push(m) });
    dispatcher.kick();
    await dispatcher.idle();
    await dispatcher.stop();
    const rows = await handle.db.selectFrom('sms_outbox').selectAll().where('id', 'in', [busy!.id, refused!.id, fine!.id]).orderBy('id').execute();
    expect(rows.map((r) => [r.status, r.phone === null, r.attempts])).toEqual([
      ['pending', false, 1],
      ['failed', true, 1],
      ['sent', true, 1],
    ]);
    expect(rows[0]!.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(flaky.sent.map((m) => m.body)).toEqual(['fine']);
    expect(rows[2]!.provider_id).toBe('p-1');
    expect(log.join('\n')).toContain('dispatch-refused');
    expect(log.join('\n')).not.toMatch(/7700/);
    await handle.db.deleteFrom('sms_outbox').where('id', '=', busy!.id).execute();
  });

  it("claims a text queued within the millisecond the services' clock reads (the database counts microseconds)", async () => {
    await sms.dispatcher.idle();
    const [queued] = await handle.db.insertInto('sms_outbox').values({ respondent_id: null, phone: demoPhone(501), body: 'edge', reference: 'dispatch-edge' }).returning(['id', 'next_attempt_at']).execute();
    // The row's time as the clock reads it: its microseconds cut to the millisecond.
    const claimed = await claimOutbox(handle.db, 10, queued!.next_attempt_at, new Date(0));
    expect(claimed.map((c) => c.id)).toEqual([queued!.id]);
    await handle.db.deleteFrom('sms_outbox').where('id', '=', queued!.id).execute();
  });
});
