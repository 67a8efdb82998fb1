// Walks every route of the app with every kind of person and checks who may see and do what.
// A route added without a row here fails the first test, so access is never decided by accident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { ensureDemoInspection } from '../../src/services/demo.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const PEOPLE = ['anonymous', 'administrator', 'programme-manager', 'analyst', 'lead', 'inspector', 'other-inspector', 'service-own', 'service-other'] as const;
type Person = (typeof PEOPLE)[number];

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let demoId: number;
const sessions = new Map<Person, TestSession | undefined>();

beforeAll(async () => {
  handle = await openTestDatabase();
  await loadReferenceData(handle.db, 'test');
  demoId = (await ensureDemoInspection(handle.db))!;
  app = createApp({ db: handle.db });
  const db = handle.db;
  // One case left unfinished, so sign-off is refused whoever asks.
  await db.deleteFrom('case_answer').where('item_id', '=', '2.2.1').where('case_id', 'in', db.selectFrom('inspection_case').select('id').where('case_ref', '=', 'DEMO-040')).execute();
  sessions.set('anonymous', undefined);
  sessions.set('administrator', await signedIn(db, 'administrator'));
  sessions.set('programme-manager', await signedIn(db, 'programme-manager'));
  sessions.set('analyst', await signedIn(db, 'analyst'));
  sessions.set('lead', await signedIn(db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } }));
  sessions.set('inspector', await signedIn(db, 'inspector', { inspection: { id: demoId, as: 'inspector' } }));
  sessions.set('other-inspector', await signedIn(db, 'inspector'));
  sessions.set('service-own', await signedIn(db, 'service-staff', { service: 'Leeds' }));
  sessions.set('service-other', await signedIn(db, 'service-staff', { service: 'Sheffield' }));
});
afterAll(() => handle?.close());

/** An HTTP status, or 'embargoed': 200 showing the inspection but none of its findings. Anonymous form posts fail the CSRF check (403). */
type Expect = number | 'embargoed';
interface Row {
  method: 'GET' | 'POST';
  /** The route as registered. */
  route: string;
  /** A concrete path to request. */
  path: () => string;
  body?: () => Record<string, string>;
  expect: Partial<Record<Person, Expect>> & { default: Expect };
}

const STAFF_READ = { administrator: 200, 'programme-manager': 200, analyst: 200, lead: 200, inspector: 200 } as const;
const FINDINGS = { default: 404, anonymous: 401, ...STAFF_READ, 'service-own': 403 } as const;
const PAGE_FINDINGS = { ...FINDINGS, anonymous: 303 } as const;
const LEAD_ONLY_POST = { default: 404, anonymous: 403, administrator: 403, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, lead: 303 } as const;

const MATRIX: Row[] = [
  { method: 'GET', route: '/sign-in', path: () => '/sign-in', expect: { default: 303, anonymous: 200 } },
  { method: 'POST', route: '/sign-in', path: () => '/sign-in', body: () => ({ email: `nobody-${Math.random()}@test.local`, password: 'wrong password' }), expect: { default: 400, anonymous: 403 } },
  { method: 'POST', route: '/sign-out', path: () => '/sign-out', expect: { default: 303, anonymous: 403 } },
  { method: 'GET', route: '/', path: () => '/', expect: { default: 200, anonymous: 303, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/inspections/:id', path: () => `/inspections/${demoId}`, expect: { default: 404, anonymous: 303, ...STAFF_READ, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/inspections/:id/cases', path: () => `/inspections/${demoId}/cases`, expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef', path: () => `/inspections/${demoId}/cases/DEMO-001`, expect: PAGE_FINDINGS },
  { method: 'GET', route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: () => `/inspections/${demoId}/cases/DEMO-001/standards/2.5`, expect: PAGE_FINDINGS },
  // An empty save from an out-of-date form merges to no change: safe to repeat for every person.
  { method: 'POST', route: '/inspections/:id/cases/:caseRef/standards/:standardId', path: () => `/inspections/${demoId}/cases/DEMO-001/standards/2.5`, expect: { default: 404, anonymous: 403, administrator: 403, 'programme-manager': 403, analyst: 403, 'service-own': 403, lead: 303, inspector: 303 } },
  { method: 'GET', route: '/inspections/:id/judgements', path: () => `/inspections/${demoId}/judgements`, expect: PAGE_FINDINGS },
  { method: 'POST', route: '/inspections/:id/judgements/:itemId', path: () => `/inspections/${demoId}/judgements/1.4`, body: () => ({ rating: 'Good', rationale: 'Matrix test' }), expect: LEAD_ONLY_POST },
  { method: 'GET', route: '/inspections/:id/team', path: () => `/inspections/${demoId}/team`, expect: PAGE_FINDINGS },
  { method: 'POST', route: '/inspections/:id/team/assignments', path: () => `/inspections/${demoId}/team/assignments`, expect: LEAD_ONLY_POST },
  { method: 'GET', route: '/inspections/:id/sign-off', path: () => `/inspections/${demoId}/sign-off`, expect: PAGE_FINDINGS },
  // Sign-off and reopening change state; with a case unfinished, sign-off is refused (400) even for the lead.
  { method: 'POST', route: '/inspections/:id/sign-off', path: () => `/inspections/${demoId}/sign-off`, expect: { ...LEAD_ONLY_POST, lead: 400 } },
  { method: 'POST', route: '/inspections/:id/reopen', path: () => `/inspections/${demoId}/reopen`, body: () => ({ reason: 'matrix' }), expect: { ...LEAD_ONLY_POST, lead: 409 } },
  { method: 'GET', route: '/inspections/:id/audit', path: () => `/inspections/${demoId}/audit`, expect: { default: 404, anonymous: 303, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, administrator: 200, lead: 200 } },
  { method: 'GET', route: '/admin/users', path: () => '/admin/users', expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'GET', route: '/admin/users/new', path: () => '/admin/users/new', expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'POST', route: '/admin/users/new', path: () => '/admin/users/new', body: () => ({ displayName: 'New Person', email: `new-${Math.random()}@test.local`, role: 'inspector', password: 'a long enough password' }), expect: { default: 403, administrator: 303 } },
  { method: 'GET', route: '/admin/users/:id', path: () => `/admin/users/${sessions.get('inspector')!.userId}`, expect: { default: 403, anonymous: 303, administrator: 200 } },
  { method: 'POST', route: '/admin/users/:id/active', path: () => `/admin/users/${sessions.get('other-inspector')!.userId}/active`, body: () => ({ active: 'true' }), expect: { default: 403, administrator: 303 } },
  { method: 'GET', route: '/api', path: () => '/api', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/frameworks', path: () => '/api/frameworks', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/frameworks/:id/:version', path: () => '/api/frameworks/hmip-adult-pdu/2021', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/organisations', path: () => '/api/organisations', expect: { default: 200, anonymous: 401 } },
  { method: 'GET', route: '/api/inspections', path: () => '/api/inspections', expect: { default: 200, anonymous: 401, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/api/inspections/:id', path: () => `/api/inspections/${demoId}`, expect: { default: 404, anonymous: 401, ...STAFF_READ, 'service-own': 'embargoed' } },
  { method: 'GET', route: '/api/inspections/:id/ratings', path: () => `/api/inspections/${demoId}/ratings`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/cases', path: () => `/api/inspections/${demoId}/cases`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/cases/:caseRef', path: () => `/api/inspections/${demoId}/cases/DEMO-001`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/export', path: () => `/api/inspections/${demoId}/export`, expect: FINDINGS },
  { method: 'GET', route: '/api/inspections/:id/audit', path: () => `/api/inspections/${demoId}/audit`, expect: { default: 404, anonymous: 401, 'programme-manager': 403, analyst: 403, inspector: 403, 'service-own': 403, administrator: 200, lead: 200 } },
];

async function request(row: Row, person: Person): Promise<{ status: number; text: string }> {
  const session = sessions.get(person);
  const res =
    row.method === 'GET'
      ? await app.request(row.path(), { headers: session ? { cookie: session.cookie } : {} })
      : await app.request(row.path(), formPost(session, row.body?.() ?? {}));
  return { status: res.status, text: await res.text() };
}

describe('access to every route', () => {
  it('has a row for every route the app registers', () => {
    const registered = new Set(
      app.routes.filter((r) => r.method !== 'ALL' && !r.path.startsWith('/assets')).map((r) => `${r.method} ${r.path.replace(/\/$/, '') || '/'}`),
    );
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.route}`));
    expect([...registered].filter((r) => !covered.has(r))).toEqual([]);
  });

  for (const row of MATRIX)
    it(`${row.method} ${row.route}`, async () => {
      // Sign-out ends the session it is given, so it runs last of all, per person, below.
      const results: Record<string, Expect> = {};
      const expected: Record<string, Expect> = {};
      for (const person of PEOPLE) {
        if (row.route === '/sign-out') continue;
        const { status, text } = await request(row, person);
        const embargoed = status === 200 && /embargoed/i.test(text) && !/"standards"/.test(text);
        results[person] = embargoed ? 'embargoed' : status;
        expected[person] = row.expect[person] ?? row.expect.default;
      }
      expect(results).toEqual(expected);
    });

  it('POST /sign-out ends the session', async () => {
    for (const person of PEOPLE) {
      const row = MATRIX.find((r) => r.route === '/sign-out')!;
      expect((await request(row, person)).status).toBe(row.expect[person] ?? row.expect.default);
    }
    const after = await app.request('/', { headers: { cookie: sessions.get('administrator')!.cookie } });
    expect(after.status).toBe(303);
  });
});
