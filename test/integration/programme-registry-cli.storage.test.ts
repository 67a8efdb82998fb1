// `inspectorate programme services|service|record-result|correct-result|withdraw-result|rename`
// in-process, on the file's one test database (PGlite, or PostgreSQL with TEST_DATABASE_URL), as
// test/integration/programme-cli.storage.test.ts does. What the commands store is read back
// through the commands, the audit trail and the web app's API.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { signedIn } from '../support/sessions.ts';
import { listAudit, listRecordedInspections } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { openCliTestDatabase, runCapturing } from '../support/cli.ts';
import type { TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
beforeAll(async () => {
  vi.stubEnv('INSPECTORATE_USER', 'registry-test');
  t = await openCliTestDatabase();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await t?.close();
});

const run = (...args: string[]) => runCapturing(args, t);

/** The commands' database, for a look. */
const withDb = <T>(fn: (handle: TestDatabase) => Promise<T>): Promise<T> => fn(t);

interface Entry {
  published: string | null;
  fieldwork?: string | null;
  overallRating: string | null;
  url: string | null;
  note?: string;
  source: string;
  sourceName: string;
  recordedId?: number;
  recordedBy?: string;
}
interface ServiceJson {
  id: number;
  kind: string;
  name: string;
  region: string | null;
  names: { name: string; validFrom: string | null; validTo: string | null; source: string; note: string | null }[];
  scheduledNames: { name: string; from: string }[];
  inspections: Entry[];
  latestInspection: { date: string | null; rating: string | null } | null;
}
const service = async (...args: string[]) => {
  const r = await run('programme', 'service', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as ServiceJson;
};

let hull: number;
let resultId: number;

describe('inspectorate programme services', () => {
  it('lists a region\'s PDUs with their latest inspections, and the youth justice services as the API does', async () => {
    const text = await run('programme', 'services', '--region', 'yorkshire and the humber');
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Id\s+Region\s+Service\s+Latest inspection\s+Overall rating$/);
    expect(lines).toHaveLength(12); // the 11 PDUs of Yorkshire and the Humber
    const row = lines.find((l) => l.includes('Hull and East Riding'))!;
    expect(row).toMatch(/^\d+\s+Yorkshire and the Humber\s+Hull and East Riding\s+2023-03-30\s+Requires improvement$/);
    hull = Number(row.split(/\s+/)[0]);
    expect(text.stdout).not.toContain('Youth justice service');

    const youth = await run('programme', 'services', '--youth', '--json');
    expect(youth.code).toBe(0);
    const listed = JSON.parse(youth.stdout) as { regions: unknown[]; youthServices: (Omit<ServiceJson, 'names' | 'scheduledNames'> & { links: { self: string } })[] };
    expect(listed.regions).toEqual([]);
    expect(listed.youthServices.length).toBeGreaterThan(100);
    const barnet = listed.youthServices.find((s) => s.name === 'Barnet')!;
    expect(barnet).toMatchObject({ kind: 'youth-service', region: null, latestInspection: { date: '2022-05-31', rating: 'Good' }, links: { self: `/api/programme/services/${barnet.id}` } });
    expect(barnet.inspections.at(-1)).toMatchObject({ published: '2022-05-31', overallRating: 'Good', source: 'reference', sourceName: 'reference data' });

    const unknown = await run('programme', 'services', '--region', 'Atlantis');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^There is no region called "Atlantis": the regions are .*Yorkshire and the Humber/);
  }, 60_000);
});

describe('inspectorate programme service', () => {
  it('shows one service by name or id: names over time, history and intelligence', async () => {
    const text = await run('programme', 'service', 'hull and east riding');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^Hull and East Riding \\(id ${hull}\\): probation delivery unit \\(PDU\\) in Yorkshire and the Humber\\n`));
    expect(text.stdout).toContain('Latest inspection: 2023-03-30, Requires improvement');
    expect(text.stdout).toMatch(/Names over time\nName\s+From\s+To\s+Source\nHull and East Riding\s+Not known\s+Now\s+current name/);
    expect(text.stdout).toMatch(/Inspection history, newest first\nPublished\s+Fieldwork\s+Overall rating\s+Source\s+Result\s+Report and notes\n2023-03-30\s+–\s+Requires improvement\s+reference\s+–\s+https:\/\//);
    expect(text.stdout).toContain('Caseload: Not known');
    expect((await service(String(hull))).name).toBe('Hull and East Riding');
  }, 60_000);

  it('says which services a shared name belongs to, and that an unknown name is unknown', async () => {
    const shared = await run('programme', 'service', 'Leeds');
    expect(shared.code).toBe(2);
    expect(shared.stdout).toBe('');
    expect(shared.stderr).toMatch(/^"Leeds" names 2 services in the registry; give its id, or --pdu or --youth:\n {2}\d+ +Leeds \(PDU, Yorkshire and the Humber\)\n {2}\d+ +Leeds \(youth justice service\)\n$/);
    expect((await service('Leeds', '--youth')).kind).toBe('youth-service');

    const unknown = await run('programme', 'service', 'Atlantis');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('There is no PDU or youth justice service called "Atlantis" in the registry');
    expect((await run('programme', 'record-result', 'Atlantis', '--published', '2025-06-02', '--rating', 'Good')).stderr).toContain('called "Atlantis"');
  }, 60_000);
});

describe('recording, correcting and withdrawing an inspection result', () => {
  it('refuses bad input naming each option, and stores nothing', async () => {
    const bad = await run('programme', 'record-result', 'Hull and East Riding', '--published', '2025-02-30', '--rating', 'Excellent', '--url', 'not a link');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('--published: The date the report was published must be a real date, like 2027-04-05');
    expect(bad.stderr).toContain('--rating: Select the overall rating: Outstanding, Good, Requires improvement or Inadequate');
    expect(bad.stderr).toContain('--url: The link to the report must be a web address starting https:// or http://, or left blank');
    const missing = await run('programme', 'record-result', 'Hull and East Riding', '--rating', 'good');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('--published: Enter the date the report was published\n');
    const late = await run('programme', 'record-result', 'Hull and East Riding', '--published', '2025-06-02', '--fieldwork', '2025-07-01', '--rating', 'good');
    expect(late.stderr).toBe('--fieldwork: The date fieldwork started must be on or before the date the report was published\n');
    expect((await run('programme', 'record-result', 'Hull and East Riding', '--published', '2025-06-02', '--rating', 'good', '--inspection', '99')).stderr).toBe(
      '--inspection: Inspection 99 is not an inspection of Hull and East Riding in Inspectorate\n',
    );
    await withDb(async ({ db }) => {
      expect(await listRecordedInspections(db, hull)).toEqual([]);
      expect((await listAudit(db, { entity: 'organisation' })).map((e) => e.action)).toEqual([]);
    });
  }, 60_000);

  it('records a result: it joins the history as the latest, with its number', async () => {
    const recorded = await run('programme', 'record-result', 'Hull and East Riding', '--published', '2025-06-02', '--fieldwork', '2025-03-03', '--rating', 'requires improvement', '--url', 'https://example.org/hull-2025', '--source', 'HMI Probation report on GOV.UK');
    expect(recorded.code, recorded.stderr).toBe(0);
    const match = /^Recorded result (\d+) for Hull and East Riding\.\n$/.exec(recorded.stdout);
    expect(match).not.toBeNull();
    resultId = Number(match![1]);

    const record = await service(String(hull));
    expect(record.latestInspection).toEqual({ date: '2025-06-02', rating: 'Requires improvement' });
    expect(record.inspections.at(-1)).toEqual({
      published: '2025-06-02',
      fieldwork: '2025-03-03',
      overallRating: 'Requires improvement',
      url: 'https://example.org/hull-2025',
      note: 'HMI Probation report on GOV.UK',
      source: 'recorded',
      sourceName: 'recorded by an administrator',
      recordedId: resultId,
      recordedBy: 'cli:registry-test',
    });
    const text = await run('programme', 'service', 'Hull and East Riding');
    expect(text.stdout).toMatch(new RegExp(`\\n2025-06-02\\s+2025-03-03\\s+Requires improvement\\s+recorded \\(cli:registry-test\\)\\s+${resultId}\\s+https://example.org/hull-2025; HMI Probation report on GOV.UK\\n`));
    expect(text.stdout).toContain('Latest inspection: 2025-06-02, Requires improvement');

    const again = await run('programme', 'record-result', String(hull), '--published', '2025-06-02', '--rating', 'Good');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('--published: A result published on 2025-06-02 is already recorded: correct it instead\n');
  }, 60_000);

  it('corrects a result: options not given keep their values, "" clears one', async () => {
    const nothing = await run('programme', 'correct-result', 'Hull and East Riding', String(resultId));
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('Nothing to correct');
    const bad = await run('programme', 'correct-result', 'Hull and East Riding', String(resultId), '--published', '2099-01-01');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('--published: The date the report was published must be today or in the past\n');
    const wrong = await run('programme', 'correct-result', 'Hull and East Riding', '9999', '--rating', 'Good');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`There is no recorded inspection result 9999 for service ${hull}`);

    const corrected = await run('programme', 'correct-result', 'Hull and East Riding', String(resultId), '--rating', 'INADEQUATE', '--url', '');
    expect(corrected.code, corrected.stderr).toBe(0);
    expect(corrected.stdout).toBe(`Corrected result ${resultId} for Hull and East Riding.\n`);
    const record = await service(String(hull));
    expect(record.inspections.at(-1)).toMatchObject({ published: '2025-06-02', fieldwork: '2025-03-03', overallRating: 'Inadequate', url: null, note: 'HMI Probation report on GOV.UK', recordedId: resultId });
    expect(record.latestInspection).toEqual({ date: '2025-06-02', rating: 'Inadequate' });
  }, 60_000);

  it('withdraws a result with a reason: it leaves the history', async () => {
    const noReason = await run('programme', 'withdraw-result', 'Hull and East Riding', String(resultId));
    expect(noReason.code).toBe(1);
    expect(noReason.stderr).toBe('--reason: Give the reason for withdrawing the result\n');
    const withdrawn = await run('programme', 'withdraw-result', 'Hull and East Riding', String(resultId), '--reason', 'Recorded against the wrong PDU');
    expect(withdrawn.code, withdrawn.stderr).toBe(0);
    expect(withdrawn.stdout).toBe(`Withdrew result ${resultId} for Hull and East Riding.\n`);
    const record = await service(String(hull));
    expect(record.inspections.filter((i) => i.source === 'recorded')).toEqual([]);
    expect(record.latestInspection).toEqual({ date: '2023-03-30', rating: 'Requires improvement' });
  }, 60_000);

  it('audits each change with the command line\'s actor and what it was', async () => {
    await withDb(async ({ db }) => {
      const events = await listAudit(db, { entity: 'organisation', entityId: hull });
      expect(events.map((e) => [e.action, e.actor])).toEqual([
        ['organisation.inspection-recorded', 'cli:registry-test'],
        ['organisation.inspection-corrected', 'cli:registry-test'],
        ['organisation.inspection-withdrawn', 'cli:registry-test'],
      ]);
      expect(events[0]!.after).toEqual({ id: resultId, published: '2025-06-02', fieldwork: '2025-03-03', overallRating: 'Requires improvement', url: 'https://example.org/hull-2025', source: 'HMI Probation report on GOV.UK', inspectionId: null });
      expect(events[1]!.before).toMatchObject({ overallRating: 'Requires improvement', url: 'https://example.org/hull-2025' });
      expect(events[1]!.after).toMatchObject({ overallRating: 'Inadequate', url: null });
      expect(events[2]!.after).toEqual({ id: resultId, withdrawn: true, reason: 'Recorded against the wrong PDU' });
    });
  }, 60_000);
});

describe('inspectorate programme rename', () => {
  it('schedules a rename with a date ahead: the service keeps its name, and shows the rename as scheduled', async () => {
    const bad = await run('programme', 'rename', 'Barnet', '--youth', '--name', 'Barnet Youth Justice Service', '--from', '2099-02-30');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('--from: The date the new name takes effect must be a real date, like 2027-04-05\n');

    const renamed = await run('programme', 'rename', 'Barnet', '--youth', '--name', 'Barnet Youth Justice Service', '--from', '2099-04-01', '--note', 'announced by the council');
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stdout).toBe('Scheduled: Barnet is to be renamed Barnet Youth Justice Service from 2099-04-01; it keeps its name until then.\n');

    const record = await service('Barnet Youth Justice Service'); // found by the name it is to have
    expect(record.name).toBe('Barnet');
    expect(record.scheduledNames).toEqual([{ name: 'Barnet Youth Justice Service', from: '2099-04-01' }]);
    expect(record.names).toEqual([
      { name: 'Barnet', validFrom: null, validTo: '2099-04-01', source: 'recorded', note: 'name before the rename' },
      { name: 'Barnet Youth Justice Service', validFrom: '2099-04-01', validTo: null, source: 'recorded', note: 'announced by the council' },
    ]);
    const text = await run('programme', 'service', 'Barnet', '--youth');
    expect(text.stdout).toMatch(/\nBarnet Youth Justice Service\s+2099-04-01\s+–\s+scheduled: recorded by cli:registry-test: announced by the council\n/);
    expect(text.stdout).toContain('Scheduled renames\n  To Barnet Youth Justice Service from 2099-04-01\n');
    await withDb(async ({ db }) => {
      const events = await listAudit(db, { entity: 'organisation', entityId: record.id });
      expect(events.map((e) => [e.action, e.actor, e.after])).toEqual([
        ['organisation.rename-scheduled', 'cli:registry-test', { name: 'Barnet Youth Justice Service', effectiveFrom: '2099-04-01', note: 'announced by the council' }],
      ]);
    });
  }, 60_000);

  it('prints the same JSON as the web app\'s API', async () => {
    const all = JSON.parse((await run('programme', 'services', '--json')).stdout);
    const one = await service('Barnet', '--youth');
    await withDb(async ({ db }) => {
      const app = createApp({ db });
      const session = await signedIn(db, 'programme-manager');
      const get = async (path: string) => (await app.request(path, { headers: { cookie: session.cookie } })).json();
      expect(all).toEqual(await get('/api/programme/services'));
      expect(one).toEqual(await get(`/api/programme/services/${one.id}`));
    });
  }, 60_000);
});
