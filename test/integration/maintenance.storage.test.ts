// The server's housekeeping (src/services/maintenance.ts): sessions past their lifetime or idle
// limit deleted, case links past their retention deleted, on a schedule that survives a failure.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { holdInbound, listAudit } from '../../src/db/repositories/index.ts';
import { resumeSession, startSession } from '../../src/services/identity/sessions.ts';
import { signInWithPassword } from '../../src/services/identity/sign-in.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { runMaintenance, startMaintenance } from '../../src/services/maintenance.ts';
import { seedInspection } from '../support/storage-factories.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
const policy = { idleMinutes: 30, maxHours: 8 };
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle?.close());

const sessionCount = async () => (await handle.db.selectFrom('user_session').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('a maintenance round', () => {
  it('deletes sessions past their lifetime or idle limit, and keeps the live one', async () => {
    const user = await createAccount(handle.db, { email: 'maintenance@example.org', displayName: 'M', role: 'inspector' }, 'test');
    const old = await startSession(handle.db, user.id, at('2027-01-01T08:00:00Z'), policy); // lifetime ended at 16:00
    const idle = await startSession(handle.db, user.id, at('2027-01-02T09:00:00Z'), policy); // not seen for 60 minutes at 10:00
    const live = await startSession(handle.db, user.id, at('2027-01-02T09:45:00Z'), policy);
    for (const [s, seen] of [[old, '2027-01-01T15:59:00Z'], [idle, '2027-01-02T09:00:00Z'], [live, '2027-01-02T09:45:00Z']] as const)
      await handle.db.updateTable('user_session').set({ last_seen_at: at(seen) }).where('csrf_token', '=', s.csrfToken).execute();
    const before = await sessionCount();

    const done = await runMaintenance(handle.db, at('2027-01-02T10:00:00Z'), policy);
    expect(done.sessionsDeleted).toBe(2);
    expect(await sessionCount()).toBe(before - 2);
    expect(await resumeSession(handle.db, live.token, at('2027-01-02T10:00:00Z'), policy)).toBeDefined();
    for (const gone of [old, idle]) expect(await handle.db.selectFrom('user_session').select('user_id').where('csrf_token', '=', gone.csrfToken).execute()).toEqual([]);
  });

  it('deletes sign-in counters with no attempt left in the rate limit\'s window', async () => {
    await signInWithPassword(handle.db, { email: 'nobody@example.org', password: 'wrong guess', ip: '10.9.9.9' }, at('2027-01-03T10:00:00Z'));
    const keys = async () => (await sql<{ n: number }>`select count(*)::int as n from sign_in_counter`.execute(handle.db)).rows[0]!.n;
    expect(await keys()).toBeGreaterThan(0);
    expect((await runMaintenance(handle.db, at('2027-01-03T10:05:00Z'), policy)).signInCountersDeleted).toBe(0);
    expect((await runMaintenance(handle.db, at('2027-01-03T10:16:00Z'), policy)).signInCountersDeleted).toBeGreaterThan(0);
    expect(await keys()).toBe(0);
  });

  it('deletes the case links whose retention period has ended, with an audit event', async () => {
    const inspection = await seedInspection(handle.db);
    await handle.db.insertInto('case_sample').values({ inspection_id: inspection.id, status: 'confirmed', published_on: '2026-01-15' }).execute();
    await handle.db
      .insertInto('case_link')
      .values([1, 2, 3].map((n) => ({ inspection_id: inspection.id, pseudonym: `P-${n}`, service_ref: `SERVICE-${n}` })))
      .execute();
    const links = () => handle.db.selectFrom('case_link').select('pseudonym').where('inspection_id', '=', inspection.id).execute();

    expect((await runMaintenance(handle.db, at('2026-07-14T12:00:00Z'), policy)).linksDeleted).toEqual([]); // six months not yet over
    expect(await links()).toHaveLength(3);
    const done = await runMaintenance(handle.db, at('2026-07-15T12:00:00Z'), policy);
    expect(done.linksDeleted).toEqual([{ inspectionId: inspection.id, publishedOn: '2026-01-15', deletionDate: '2026-07-15', links: 3 }]);
    expect(await links()).toEqual([]);
    const event = (await listAudit(handle.db, { inspectionId: inspection.id })).find((e) => e.action === 'case-links.deleted');
    expect(event?.actor).toBe('system:retention');
  });
});

describe('held text replies', () => {
  it('tries the held replies that are due again, and deletes those held past 30 days with an audit event that keeps neither number nor text', async () => {
    const now = at('2031-06-01T12:00:00Z');
    const hold = (providerId: string, nextAttempt: string) =>
      holdInbound(handle.db, { providerId, sourceNumber: '07700900999', message: 'Yes', dateReceived: null, cleaned: false }, 'database hiccup', at(nextAttempt));
    await hold('held-old', '2031-07-01T00:00:00Z');
    await hold('held-new', '2031-07-01T00:00:00Z');
    await hold('held-due', '2031-05-31T00:00:00Z');
    await sql`update survey_inbound_held set held_at = ${'2031-04-20T00:00:00Z'}::timestamptz where provider_id = 'held-old'`.execute(handle.db);
    await sql`update survey_inbound_held set held_at = ${'2031-05-31T00:00:00Z'}::timestamptz where provider_id in ('held-new', 'held-due')`.execute(handle.db);

    const done = await runMaintenance(handle.db, now, policy);
    // The due one is handled now (its number matches nobody's, so it is recorded as unmatched and released).
    expect(done.heldReplies).toEqual({ handled: 1, failed: 0, deleted: 1 });
    const left = await sql<{ provider_id: string }>`select provider_id from survey_inbound_held order by provider_id`.execute(handle.db);
    expect(left.rows.map((r) => r.provider_id)).toEqual(['held-new']);
    const event = (await listAudit(handle.db, {})).find((e) => e.action === 'survey.held-reply-deleted')!;
    expect(event).toMatchObject({ actor: 'system:held-replies', entityId: 'held-old', before: { heldAt: '2031-04-20T00:00:00.000Z', attempts: 1, failure: 'database hiccup' }, after: { retentionDays: 30 } });
    expect(JSON.stringify(event)).not.toMatch(/07700900999|Yes/);
    expect((await runMaintenance(handle.db, now, policy)).heldReplies).toEqual({ handled: 0, failed: 0, deleted: 0 });
  });
});

describe('the schedule', () => {
  it('runs a round at once and then every interval, logs a failed round and carries on, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const log = { info: vi.fn(), error: vi.fn() };
      let failNext = true;
      const rounds: Date[] = [];
      const now = () => {
        rounds.push(new Date());
        if (failNext) {
          failNext = false;
          throw new Error('database gone for a moment');
        }
        return at('2030-01-01T00:00:00Z');
      };
      const user = await createAccount(handle.db, { email: 'schedule@example.org', displayName: 'S', role: 'inspector' }, 'test');
      const { csrfToken } = await startSession(handle.db, user.id, at('2029-01-01T00:00:00Z'), policy);
      await handle.db.updateTable('user_session').set({ last_seen_at: at('2029-01-01T00:00:00Z') }).where('csrf_token', '=', csrfToken).execute();

      const maintenance = startMaintenance(handle.db, { log, policy, intervalMs: 1000, now });
      await vi.waitFor(() => expect(rounds).toHaveLength(1)); // at once, not after the first interval
      await vi.waitFor(() => expect(log.error).toHaveBeenCalledTimes(1));
      expect(log.error.mock.calls[0]![0]).toMatchObject({ err: expect.objectContaining({ message: 'database gone for a moment' }) });

      await vi.advanceTimersByTimeAsync(1000);
      await vi.waitFor(() => expect(log.info).toHaveBeenCalledTimes(1));
      expect(log.info.mock.calls[0]![0].sessionsDeleted).toBeGreaterThan(0);
      expect(await sessionCount()).toBe(0); // every session is long over by 2030
      expect(rounds).toHaveLength(2);

      await maintenance.stop();
      await vi.advanceTimersByTimeAsync(5000);
      expect(rounds).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
