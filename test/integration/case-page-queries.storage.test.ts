// Issue 14 (P5): the case assessment page costs at most four queries once signed in: the session
// with its person and memberships, the inspection with its report's stage, the dip sample's second
// assessments (who assesses blind), and the case with its work and answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { countingDb, type CountingDb } from '../support/query-count.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let counting: CountingDb;
let app: ReturnType<typeof createApp>;
let demoId: number;
let inspector: TestSession;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  counting = countingDb(handle.db);
  app = createApp({ db: counting.db });
  inspector = await signedIn(handle.db, 'inspector', { inspection: { id: demoId, as: 'inspector' } });
});
afterAll(() => handle?.close());

async function queriesFor(path: string): Promise<{ status: number; html: string; queries: number }> {
  await app.request(path, { headers: { cookie: inspector.cookie } }); // the first view may touch the session's last-seen time
  counting.reset();
  const res = await app.request(path, { headers: { cookie: inspector.cookie } });
  const html = await res.text();
  return { status: res.status, html, queries: counting.executed.length };
}

describe('queries a page costs', () => {
  it('shows a case as its task list in at most four queries', async () => {
    const page = await queriesFor(`/inspections/${demoId}/cases/DEMO-003`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('govuk-task-list');
    expect(page.queries, counting.executed.join(', ')).toBeLessThanOrEqual(4);
  });

  it('shows one standard of a case in at most four queries', async () => {
    const page = await queriesFor(`/inspections/${demoId}/cases/DEMO-003/standards/2.2`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="_version"');
    expect(page.queries, counting.executed.join(', ')).toBeLessThanOrEqual(4);
  });

  it('answers 404 for a case that is not in the inspection, one query more to say which is missing', async () => {
    const page = await queriesFor(`/inspections/${demoId}/cases/NOT-A-CASE`);
    expect(page.status).toBe(404);
    expect(page.html).toContain('There is no case NOT-A-CASE in this inspection');
    expect(page.queries, counting.executed.join(', ')).toBeLessThanOrEqual(5);
  });
});
