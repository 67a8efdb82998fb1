// The demonstration data is made in parts, each step in one transaction with the record that it is
// done (migration 0028), the first before the server answers and the rest after it in the
// background: a part that fails leaves nothing of itself and stops the rest until the next start, a
// start stopped part-way makes only what is missing the next time, a database that held
// inspections before the parts were recorded is left as it was, and signed-in pages say how far it
// has got. The stages here are stand-ins (an audit event each) so the runner is tested on its own;
// demo-data.storage.test.ts makes the real ones.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit, listDemoStagesDone, listInspections, recordAudit, inTransaction, type Db } from '../../src/db/repositories/index.ts';
import { SESSION_COOKIE } from '../../src/http/auth.ts';
import { createApp } from '../../src/http/app.ts';
import { demoStagesToMake, ensureDemoData, makeDemoStage, type DemoStage, type DemoStageContext } from '../../src/services/demo-data.ts';
import { startDemoLoading, type DemoLoadingLog } from '../../src/services/demo-loading.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { startSession } from '../../src/services/identity/sessions.ts';
import { seedInspection } from '../support/storage-factories.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

const handles: TestDatabase[] = [];
afterAll(() => Promise.all(handles.map((h) => h.close())));
const fresh = async () => {
  const handle = await openTestDatabase();
  handles.push(handle);
  return handle.db;
};

const context: DemoStageContext = { today: '2026-12-07', actor: 'test', accounts: false };
/** What the stand-in stages made, in order. */
const madeIn = async (db: Db) => (await listAudit(db, { entity: 'demo-test' })).map((e) => String(e.entityId));
/** A use case's own transaction, as the real stages' services open one. */
const note = (db: Db, what: string) => inTransaction(db, (trx) => recordAudit(trx, { actor: 'test', action: 'demo-test.made', entity: 'demo-test', entityId: what }));

let failing: Set<string>;
beforeEach(() => (failing = new Set()));
const stage = (name: string, steps = ['all']): DemoStage => ({
  name,
  title: `part ${name}`,
  steps: () =>
    Promise.resolve(
      steps.map((key) => ({
        key,
        make: async (db: Db) => {
          await note(db, `${name}/${key}`);
          if (failing.has(`${name}/${key}`)) throw new Error(`${name}/${key} broke`);
          return [`made ${name}/${key}`];
        },
      })),
    ),
});
const STAGES = [stage('a'), stage('b', ['1', '2', '3']), stage('c')];

function recordingLog() {
  const lines: string[] = [];
  const failures: string[] = [];
  const log: DemoLoadingLog = { made: (line) => lines.push(line), failed: (error, line) => failures.push(`${line} | ${(error as Error).message}`) };
  return { log, lines, failures };
}

describe('making the demonstration data in parts', () => {
  it('makes every part once, each step with its record, and nothing at the next start', async () => {
    const db = await fresh();
    expect(await demoStagesToMake(db, STAGES)).toEqual(STAGES);
    for (const s of STAGES) await makeDemoStage(db, s, context);
    expect(await madeIn(db)).toEqual(['a/all', 'b/1', 'b/2', 'b/3', 'c/all']);
    expect([...(await listDemoStagesDone(db))].sort()).toEqual(['a', 'b', 'b/1', 'b/2', 'b/3', 'c']);
    expect(await demoStagesToMake(db, STAGES)).toEqual([]);
  });

  it('leaves nothing of a step that fails, logs why, makes no later part, and the next start resumes at that step', async () => {
    const db = await fresh();
    await makeDemoStage(db, STAGES[0]!, context); // the first part, before the server answers
    failing.add('b/2');
    const first = recordingLog();
    const loading = startDemoLoading(db, await demoStagesToMake(db, STAGES), { total: 3, context, log: first.log });
    expect(loading.progress()).toEqual({ ready: 1, total: 3 });
    await loading.finished;
    expect(await madeIn(db)).toEqual(['a/all', 'b/1']); // b/2's event rolled back with it; c never begun
    expect(first.failures).toEqual(['Demonstration data: part b could not be made (b/2 broke); the rest will be tried at the next start | b/2 broke']);
    expect(loading.progress()).toEqual({ ready: 1, total: 3, failed: { title: 'part b', reason: 'b/2 broke' } });

    failing.clear(); // the next start
    const again = recordingLog();
    const resumed = startDemoLoading(db, await demoStagesToMake(db, STAGES), { total: 3, context, log: again.log });
    await resumed.finished;
    expect(await madeIn(db)).toEqual(['a/all', 'b/1', 'b/2', 'b/3', 'c/all']);
    expect(again.lines.slice(0, 3)).toEqual(['made b/2', 'made b/3', 'made c/all']);
    expect(again.lines[3]).toMatch(/^Demonstration data: all 3 parts loaded/);
    expect(again.failures).toEqual([]);
    expect(resumed.progress()).toBeUndefined(); // the pages' banner goes
  });

  it('when stopped, rolls back the step under way and makes it at the next start', async () => {
    const db = await fresh();
    await makeDemoStage(db, STAGES[0]!, context);
    let stopping: Promise<void> | undefined;
    const slow: DemoStage = {
      name: 'b',
      title: 'part b',
      steps: () =>
        Promise.resolve(
          ['1', '2'].map((key) => ({
            key,
            make: async (trx: Db) => {
              await note(trx, `b/${key}`);
              if (key === '2') stopping = loading.stop(); // SIGINT while this step is being made
              await note(trx, `b/${key} again`); // refused: the signal aborted the transaction
              return [];
            },
          })),
        ),
    };
    const { log, failures } = recordingLog();
    const loading = startDemoLoading(db, [slow, STAGES[2]!], { total: 3, context, log });
    await loading.finished;
    await stopping;
    expect(failures).toEqual([]); // stopping is not a failure
    expect(await madeIn(db)).toEqual(['a/all', 'b/1', 'b/1 again']);
    expect(await demoStagesToMake(db, STAGES)).toEqual(STAGES.slice(1));
    expect([...(await listDemoStagesDone(db))].sort()).toEqual(['a', 'b/1']);
  });

  it('leaves a database that held inspections before the parts were recorded as it was', async () => {
    const db = await fresh();
    await seedInspection(db);
    expect(await demoStagesToMake(db)).toEqual([]);
    expect((await ensureDemoData(db, { accounts: false }, context.today, 'test')).made).toEqual([]);
    expect(await listInspections(db)).toHaveLength(1);
    expect((await listDemoStagesDone(db)).size).toBe(0);
  });
});

describe('the pages while it loads', () => {
  it('tells a signed-in person how far it has got, in a notification banner, and nothing once done', async () => {
    const db = await fresh();
    let progress: { ready: number; total: number } | undefined = { ready: 3, total: 8 };
    const app = createApp({ db, demoLoading: { progress: () => progress } });
    const user = await createAccount(db, { email: 'admin@example.gov.uk', displayName: 'Ada Admin', role: 'administrator', password: 'a long enough password' }, 'test');
    const session = await startSession(db, user.id, new Date());
    const home = async () => (await app.request('/', { headers: { cookie: `${SESSION_COOKIE}=${session.token}` } })).text();

    const page = await home();
    expect(page).toMatch(/<div class="govuk-notification-banner[^"]*"[^>]*role="region"/);
    expect(page).toContain('Demonstration data is still loading (3 of 8 parts ready). Pages will show more as it arrives.');
    expect(await (await app.request('/sign-in')).text()).not.toContain('Demonstration data is still loading'); // signed-in pages only

    progress = undefined;
    expect(await home()).not.toContain('govuk-notification-banner');
  });
});
