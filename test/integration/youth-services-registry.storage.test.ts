// The youth justice services of the registry as youth-services.json lists them: each with its
// nation (England or Wales), read by the programme API and the command line's JSON.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganisationByName } from '../../src/db/repositories/index.ts';
import { createApp } from '../../src/http/app.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let planner: TestSession;

beforeAll(async () => {
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
  app = createApp({ db: handle.db });
  planner = await signedIn(handle.db, 'programme-manager');
});
afterAll(() => handle?.close());

const json = async (path: string) => {
  const res = await app.request(path, { headers: { cookie: planner.cookie } });
  expect(res.status, path).toBe(200);
  return res.json();
};

describe('a youth justice service in the registry', () => {
  it('says which nation it is in: Welsh services are Wales, English ones England, PDUs none', async () => {
    const cardiff = (await findOrganisationByName(handle.db, 'youth-service', 'Cardiff'))!;
    const leeds = (await findOrganisationByName(handle.db, 'youth-service', 'Leeds'))!;
    expect((await json(`/api/programme/services/${cardiff.id}`)).nation).toBe('Wales');
    expect((await json(`/api/programme/services/${leeds.id}`)).nation).toBe('England');
    const list = await json('/api/programme/services');
    expect(list.youthServices.find((s: { name: string }) => s.name === 'Cardiff').nation).toBe('Wales');
    expect(list.regions[0].pdus[0].nation).toBeNull();
  });
});
