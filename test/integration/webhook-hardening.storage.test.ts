// The text provider's webhook never answers 500 to a well-authenticated reply (issue 11, item 10):
// text the database cannot store is cleaned to U+FFFD, stored and flagged in the audit event; a reply
// that fails for any other reason is held and handled on a later try, never lost.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countHeldInbound, listAudit } from '../../src/db/repositories/index.ts';
import type { ConversationState } from '../../src/domain/survey/conversation.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { createInspection } from '../../src/services/inspections.ts';
import { demoContactsCsv, demoPhone } from '../../src/services/survey/demo-contacts.ts';
import { retryHeldInbound } from '../../src/services/survey/inbound.ts';
import type { SurveyMessaging } from '../../src/services/survey/messaging.ts';
import { formPost, signedIn } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

const TOKEN = 'hardening-webhook-token-0123456789abcdef';
let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let sms: SurveyMessaging;

beforeAll(async () => {
  ({ handle } = await openDemoTestDatabase());
  const services = createServices(handle.db, { smsWebhookToken: TOKEN });
  sms = services.sms;
  app = createApp({ db: handle.db, ...services });
  const inspection = await createInspection(handle.db, { pduName: 'Leeds', frameworkKey: 'hmip-adult-pdu@2021', fieldworkStart: '2026-10-05', title: 'Webhook hardening: Leeds' }, 'test');
  const lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: inspection.id, as: 'lead-inspector' } });
  const service = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  const form = new FormData();
  form.set('_csrf', service.csrfToken);
  form.set('contacts', new File([demoContactsCsv(3)], 'contacts.csv'));
  expect((await app.request(`/inspections/${inspection.id}/survey/contacts`, { method: 'POST', headers: { cookie: service.cookie, origin: 'http://localhost' }, body: form })).status).toBe(303);
  expect((await app.request(`/inspections/${inspection.id}/survey/send`, formPost(lead, {}))).status).toBe(303);
  await sms.dispatcher.idle();
});
afterAll(async () => {
  await sms?.dispatcher.stop();
  await handle?.close();
});

/** The callback as JSON (JSON.stringify writes a NUL or a lone surrogate as a \u escape). */
const inbound = (json: string) => app.request('/sms/inbound', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: json });
const callback = (id: string, from: string, message: string) =>
  JSON.stringify({ id, source_number: from.replace(/^\+/, ''), message, date_received: '2026-09-01T10:15:30.000000Z' });

const stateOf = async (phone: string) =>
  (await handle.db.selectFrom('survey_respondent').select('state').where('phone', '=', phone).executeTakeFirstOrThrow()).state as ConversationState;

describe('the webhook and text the database cannot store', () => {
  it('stores a reply holding a NUL and a lone surrogate, cleaned, and flags it in the audit event', async () => {
    const res = await inbound(callback('clean-1', demoPhone(0), 'placeholder').replace('placeholder', '2 agree \\u0000 \\ud800'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'answered' });
    expect((await stateOf(demoPhone(0))).answers[0]!.replies).toEqual(['2 agree \uFFFD \uFFFD']);
    const event = (await listAudit(handle.db, { entity: 'survey-respondent' })).at(-1)!;
    expect(event.after).toMatchObject({ event: 'answered', messageId: 'clean-1', cleaned: true });
    expect(event.requestId).toBe(res.headers.get('x-request-id'));
  });

  it('cleans the provider id and the text of a message from an unknown number too', async () => {
    const res = await inbound(callback('bad\u0000id', '447700900999', 'hello \udc00'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'unmatched' });
    expect(await handle.db.selectFrom('survey_inbound').select('provider_id').where('provider_id', '=', 'bad\uFFFDid').execute()).toHaveLength(1);
    expect((await listAudit(handle.db, { entity: 'sms-inbound' })).at(-1)!.after).toMatchObject({ event: 'unmatched', cleaned: true });
    // Redelivered, it is the same message: counted once.
    expect(await (await inbound(callback('bad\u0000id', '447700900999', 'hello \udc00'))).json()).toEqual({ outcome: 'duplicate' });
    expect(await handle.db.selectFrom('survey_inbound').select('provider_id').where('provider_id', '=', 'bad\uFFFDid').execute()).toHaveLength(1);
  });

  it('holds a reply that fails for any other reason, answers 200, and handles it on a later try', async () => {
    // A fault in the database for this one message only, as an unforeseen failure would be.
    await sql
      .raw(
        `create function refuse_held_test() returns trigger language plpgsql as $$ begin
           if new.provider_id = 'held-1' then raise exception 'simulated fault'; end if; return new; end $$`,
      )
      .execute(handle.db);
    await sql.raw('create trigger refuse_held_test before insert on survey_inbound for each row execute function refuse_held_test()').execute(handle.db);
    let res: Response;
    try {
      res = await inbound(callback('held-1', demoPhone(1), '1'));
    } finally {
      await sql.raw('drop trigger refuse_held_test on survey_inbound').execute(handle.db);
      await sql.raw('drop function refuse_held_test()').execute(handle.db);
    }
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: 'held' });
    expect(await countHeldInbound(handle.db)).toBe(1);
    expect((await stateOf(demoPhone(1))).answers).toEqual([]);

    // Not due yet; then due, and handled once the fault has gone.
    expect(await retryHeldInbound(handle.db, new Date())).toEqual({ handled: 0, failed: 0 });
    expect(await retryHeldInbound(handle.db, new Date(Date.now() + 3 * 60_000))).toEqual({ handled: 1, failed: 0 });
    expect(await countHeldInbound(handle.db)).toBe(0);
    expect((await stateOf(demoPhone(1))).answers[0]).toMatchObject({ questionId: 's1', value: '1' });
    // The provider redelivering it later changes nothing.
    expect(await (await inbound(callback('held-1', demoPhone(1), '1'))).json()).toEqual({ outcome: 'duplicate' });
  });
});
