// The embargoed copy sent to its named recipients: each email queued in the transaction that
// records the embargo and sent after commit, retried when the provider is busy, failures shown to
// the lead with their reason; each recipient's own link (valid until publication for them alone,
// refused to anyone else, withdrawn with the embargo, then the public page); and publishing at once
// only after the confirmation page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailSender, OutgoingEmail } from '../../src/adapters/email/email-sender.ts';
import { EmailSendError } from '../../src/adapters/email/email-sender.ts';
import { listAudit, listEmbargoRecipients } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { createServices } from '../../src/wiring.ts';
import { queueEmbargoedCopies, type EmbargoMail } from '../../src/services/embargo-mail.ts';
import { requireInspection } from '../../src/services/inspections.ts';
import { signOff } from '../../src/services/lead-inspector.ts';
import { addRecipient, addRecommendationTo, moveReport, saveReportText } from '../../src/services/publication.ts';
import { setClock } from '../../src/services/clock.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { daysAfter } from '../../src/domain/time/clock.ts';
import { pinClock } from '../support/clock.ts';

const clock = pinClock(); // dates worked out below stay right if the run crosses midnight

class TestSender implements EmailSender {
  readonly label = 'test';
  readonly real = true;
  sent: OutgoingEmail[] = [];
  fail: (e: OutgoingEmail) => EmailSendError | undefined = () => undefined;
  async send(email: OutgoingEmail) {
    const error = this.fail(email);
    if (error) throw error;
    this.sent.push(email);
    return { providerId: `notify-${this.sent.length}` };
  }
}

const isoDay = (offset: number) => daysAfter(clock.today(), offset);
const RPD = { name: 'Regional Probation Director', email: 'rpd@justice.example', organisation: 'Yorkshire and the Humber' };
const PCC = { name: 'Police and Crime Commissioner', email: 'pcc@police.example', organisation: 'West Yorkshire' };

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let mail: EmbargoMail;
const sender = new TestSender();
const logged: string[] = [];
let demoId: number;
let lead: TestSession;
let leeds: TestSession;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  const services = createServices(handle.db, { email: sender, serviceUrl: 'https://inspectorate.example.gov.uk', dispatchers: { mail: { retryMs: 60_000, log: (m) => logged.push(m) } } });
  mail = services.mail;
  app = createApp({ db: handle.db, ...services });
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
  leeds = await signedIn(handle.db, 'service-staff', { service: 'Leeds' });
  // The report at the factual accuracy check, ready to embargo, with two recipients named.
  await saveReportText(handle.db, { inspectionId: demoId, foreword: 'A foreword.', overallFindings: 'Work to keep people safe was not good enough.' }, 'test');
  await addRecommendationTo(handle.db, { inspectionId: demoId, addressedTo: 'pdu', text: 'Improve risk of harm assessment.' }, 'test');
  await signOff(handle.db, demoId, 'test');
  await moveReport(handle.db, { inspectionId: demoId, to: 'factual-accuracy' }, 'test');
  await addRecipient(handle.db, { inspectionId: demoId, ...RPD }, 'test');
  await addRecipient(handle.db, { inspectionId: demoId, ...PCC }, 'test');
});
afterAll(async () => {
  await mail?.dispatcher.stop();
  await handle?.close();
});

const get = (s: TestSession | undefined, path: string) => app.request(path, { headers: s ? { cookie: s.cookie } : {} });
const post = (s: TestSession, path: string, fields: Record<string, string> = {}) => app.request(`/inspections/${demoId}/publication${path}`, formPost(s, fields));
const outbox = () => handle.db.selectFrom('email_outbox').selectAll().where('inspection_id', '=', demoId).orderBy('id').execute();
const reportRow = () => handle.db.selectFrom('report').select(['status', 'publish_on']).where('inspection_id', '=', demoId).executeTakeFirstOrThrow();
const linkIn = (email: OutgoingEmail) => /https:\/\/inspectorate\.example\.gov\.uk(\/embargoed\?link=[A-Za-z0-9_-]{43})\n/.exec(email.body)![1]!;
const lastTo = (address: string) => sender.sent.filter((e) => e.to === address).at(-1)!;
const recipientId = async (address: string) => (await listEmbargoRecipients(handle.db, demoId)).find((r) => r.email === address)!.id;

/** A recipient with no account opens their link: the page, its pre-session CSRF cookie and token. */
async function openLink(path: string) {
  const res = await app.request(path);
  const html = res.status === 200 ? await res.text() : '';
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { res, html, confirm: (email: string) => app.request('/embargoed', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost', cookie }, body: new URLSearchParams({ _csrf: csrf, link: new URL(path, 'http://x').searchParams.get('link') ?? '', email }).toString() }) };
}

describe('queuing the embargoed copy', () => {
  it('queues nothing when the transaction that would record the embargo is rolled back', async () => {
    const inspection = await requireInspection(handle.db, demoId);
    const recipients = await listEmbargoRecipients(handle.db, demoId);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        expect(await queueEmbargoedCopies(trx, { inspectionId: demoId, organisationId: inspection.organisationId, publishOn: isoDay(7), recipients }, 'test')).toBe(2);
        throw new Error('the embargo failed after the emails were queued');
      }),
    ).rejects.toThrow('the embargo failed');
    expect(await outbox()).toEqual([]);
    expect(await handle.db.selectFrom('embargo_link').select('id').execute()).toEqual([]);
  });

  it('queues one email per recipient in the embargo’s transaction and sends them after commit, forgetting address and link once sent', async () => {
    const refused = await post(lead, '/status', { to: 'embargoed', publishOn: isoDay(0) });
    expect(refused.status).toBe(400);
    expect(await outbox()).toEqual([]);

    expect((await post(lead, '/status', { to: 'embargoed', publishOn: isoDay(7) })).status).toBe(303);
    await mail.dispatcher.idle();
    expect(sender.sent.map((e) => e.to).sort()).toEqual([PCC.email, RPD.email].sort());
    const email = lastTo(RPD.email);
    expect(email.subject).toMatch(/^Embargoed until \w+ \d+ \w+ \d{4}: inspection of probation services in Leeds$/);
    expect(email.body).toContain('Dear Regional Probation Director,');
    expect(email.reference).toMatch(new RegExp(`^embargo-${demoId}-r\\d+-l\\d+$`));
    const rows = await outbox();
    expect(rows.map((r) => [r.status, r.email, r.token, r.attempts])).toEqual([
      ['sent', null, null, 1],
      ['sent', null, null, 1],
    ]);
    expect(rows.map((r) => r.provider_id).sort()).toEqual(['notify-1', 'notify-2']);
    // Only a hash of each link's token is kept.
    const links = await handle.db.selectFrom('embargo_link').select('token_hash').execute();
    expect(links.map((l) => l.token_hash)).not.toContain(linkIn(email).split('=')[1]);
    // Audited, without the addresses.
    const audit = await listAudit(handle.db, { inspectionId: demoId });
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'report.embargoed-copy-queued')).toHaveLength(2);
    expect(actions.filter((a) => a === 'report.embargoed-copy-sent')).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toMatch(/rpd@|pcc@/);
  });

  it('shows the lead each recipient’s delivery, and keeps it and the addresses from the inspected service', async () => {
    const page = await (await get(lead, `/inspections/${demoId}/publication`)).text();
    expect(page).toContain('Embargoed copy');
    expect(page.match(/govuk-tag--green">\s*Sent/g)).toHaveLength(2);
    const service = await (await get(leeds, `/inspections/${demoId}/publication`)).text();
    expect(service).not.toContain(RPD.email);
    expect(service).not.toContain('Embargoed copy');
  });
});

describe('the recipient’s link', () => {
  it('opens the embargoed copy for its recipient only, once they give the address it was sent to, and records each opening', async () => {
    const path = linkIn(lastTo(RPD.email));
    const visit = await openLink(path);
    expect(visit.res.status).toBe(200);
    expect(visit.res.headers.get('cache-control')).toBe('no-store');
    expect(visit.html).toContain('Your embargoed copy of the report');
    expect(visit.html).toContain('Embargoed until');
    expect(visit.html).not.toContain(RPD.email);

    // Someone else with the link, even another recipient, is refused.
    const other = await visit.confirm(PCC.email);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('the one given does not match');
    expect((await visit.confirm('')).status).toBe(400);

    const opened = await visit.confirm(' RPD@Justice.example ');
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('application/pdf');
    expect(opened.headers.get('content-disposition')).toMatch(/^attachment; filename="embargoed-inspection-report-leeds-/);
    expect(Buffer.from(await opened.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    const audit = (await listAudit(handle.db, { inspectionId: demoId })).filter((a) => a.action.startsWith('report.embargoed-copy-'));
    expect(audit.filter((a) => a.action === 'report.embargoed-copy-opened')).toHaveLength(1);
    expect(audit.filter((a) => a.action === 'report.embargoed-copy-refused')).toHaveLength(1);
    expect(await (await get(lead, `/inspections/${demoId}/publication`)).text()).toContain('opened once');
  });

  it('refuses a link it does not know, or one for another inspection’s token shape', async () => {
    for (const path of ['/embargoed', '/embargoed?link=nope', `/embargoed?link=${'A'.repeat(43)}`]) {
      const res = await app.request(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(await res.text()).toContain('This link does not work');
    }
  });

  it('locks after five wrong addresses, until the lead sends a new link', async () => {
    const path = linkIn(lastTo(PCC.email));
    const visit = await openLink(path);
    for (let i = 1; i < 5; i++) expect((await visit.confirm(`guess${i}@police.example`)).status).toBe(400);
    expect((await visit.confirm('guess5@police.example')).status).toBe(403);
    expect((await app.request(path)).status).toBe(403);
    expect(await (await get(lead, `/inspections/${demoId}/publication`)).text()).toContain('link locked after wrong addresses');

    expect((await post(lead, `/recipients/${await recipientId(PCC.email)}/resend`)).status).toBe(303);
    await mail.dispatcher.idle();
    const fresh = linkIn(lastTo(PCC.email));
    expect(fresh).not.toBe(path);
    expect((await app.request(path)).status).toBe(404);
    expect((await (await openLink(fresh)).confirm(PCC.email)).status).toBe(200);
  });

  it('is withdrawn with the embargo, and a new embargo sends new links', async () => {
    const before = linkIn(lastTo(RPD.email));
    expect((await post(lead, '/status', { to: 'factual-accuracy' })).status).toBe(303);
    expect((await app.request(before)).status).toBe(404);
    expect((await post(lead, '/status', { to: 'embargoed', publishOn: isoDay(5) })).status).toBe(303);
    await mail.dispatcher.idle();
    const after = linkIn(lastTo(RPD.email));
    expect(after).not.toBe(before);
    expect((await app.request(before)).status).toBe(404);
    expect((await app.request(after)).status).toBe(200);
  });
});

describe('failed and retried emails', () => {
  it('tries a busy provider again later and shows a refusal to the lead with its reason, never logging the address', async () => {
    sender.fail = (e) => (e.to === RPD.email ? new EmailSendError('GOV.UK Notify refused the email (HTTP 429): RateLimitError', true, 429) : new EmailSendError(`GOV.UK Notify refused the email (HTTP 400): BadRequestError: Not a valid email address (${e.to})`.replace(e.to, '[email address]'), false, 400));
    // A recipient named during the embargo is sent their copy at once.
    expect((await post(lead, '/recipients', { name: 'Chief Probation Officer', email: 'cpo@justice.example', organisation: 'HMPPS' })).status).toBe(303);
    expect((await post(lead, `/recipients/${await recipientId(RPD.email)}/resend`)).status).toBe(303);
    await mail.dispatcher.idle();
    const rows = await outbox();
    const latest = (id: number) => rows.filter((r) => r.recipient_id === id).at(-1)!;
    const rpd = latest(await recipientId(RPD.email));
    const cpo = latest(await recipientId('cpo@justice.example'));
    expect([rpd.status, rpd.attempts, rpd.email]).toEqual(['pending', 1, RPD.email]);
    expect(rpd.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect([cpo.status, cpo.email, cpo.token]).toEqual(['failed', null, null]);
    const page = await (await get(lead, `/inspections/${demoId}/publication`)).text();
    expect(page).toMatch(/govuk-tag--red">\s*Failed/);
    expect(page).toContain('BadRequestError: Not a valid email address ([email address])');
    expect(page).toMatch(/govuk-tag--blue">\s*Queued/);
    expect(page).toContain('RateLimitError');
    expect(logged.join('\n')).toContain(cpo.reference);
    expect(logged.join('\n')).not.toMatch(/@justice\.example/);
    expect((await listAudit(handle.db, { inspectionId: demoId })).some((a) => a.action === 'report.embargoed-copy-failed' && a.entityId === String(cpo.recipient_id))).toBe(true);
    sender.fail = () => undefined;
  });

  it("tries the email again when its retry time comes by the services' clock, which set that time", async () => {
    const waiting = async () => (await outbox()).filter((r) => r.status === 'pending' && r.email === RPD.email);
    const [due] = await waiting();
    expect(due!.attempts).toBe(1);
    sender.fail = () => new EmailSendError('GOV.UK Notify refused the email (HTTP 429): RateLimitError', true, 429);
    try {
      mail.dispatcher.kick();
      await mail.dispatcher.idle();
      expect((await waiting()).map((r) => r.attempts)).toEqual([1]); // not due yet
      const later = due!.next_attempt_at.getTime() + 1_000 - Date.now();
      const undo = setClock({ now: () => new Date(Date.now() + later), today: clock.today });
      try {
        mail.dispatcher.kick();
        await mail.dispatcher.idle();
      } finally {
        undo();
      }
    } finally {
      sender.fail = () => undefined;
    }
    // Tried (and refused as busy) once more; still waiting, for the test below.
    expect((await waiting()).map((r) => [r.id, r.attempts])).toEqual([[due!.id, 2]]);
  });
});

describe('publishing now', () => {
  it('asks first: the page warns, and a post without the confirmation changes nothing', async () => {
    const page = await get(lead, `/inspections/${demoId}/publication/publish-now`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Are you sure you want to publish now?');
    expect(html).toContain('govuk-warning-text');
    expect(html).toContain('name="confirm" value="yes"');
    const unconfirmed = await post(lead, '/publish-now', {});
    expect(unconfirmed.status).toBe(303);
    expect(unconfirmed.headers.get('location')).toBe(`/inspections/${demoId}/publication/publish-now`);
    expect((await reportRow()).status).toBe('embargoed');
    expect((await post(leeds, '/publish-now', { confirm: 'yes' })).status).toBe(403);
    expect((await reportRow()).status).toBe('embargoed');
  });

  it('publishes today once confirmed: the email still waiting is not sent, and every link leads to the public page', async () => {
    const link = linkIn(lastTo(RPD.email));
    const done = await post(lead, '/publish-now', { confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/inspections/${demoId}/publication?published=now`);
    expect(await reportRow()).toEqual({ status: 'published', publish_on: isoDay(0) });
    expect(await (await get(lead, done.headers.get('location')!)).text()).toContain('The report is published');
    const rpdId = await recipientId(RPD.email);
    const waiting = (await outbox()).filter((r) => r.recipient_id === rpdId).at(-1)!;
    expect([waiting.status, waiting.email, waiting.last_error]).toEqual(['cancelled', null, 'Not sent: the report was published']);
    const res = await app.request(link);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/public/inspections/${demoId}`);
    expect((await get(undefined, `/public/inspections/${demoId}`)).status).toBe(200);
    expect((await get(lead, `/inspections/${demoId}/publication/publish-now`)).status).toBe(409);
  });
});
