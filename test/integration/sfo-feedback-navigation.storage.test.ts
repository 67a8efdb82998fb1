// A probation region's staff reach the SFO review feedback from every page's navigation and from
// their home page; a PDU's staff and the inspectorate's inspection staff are not offered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { signedIn, type TestSession } from '../support/sessions.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';

let t: TestDatabase;
let app: ReturnType<typeof createApp>;
let region: TestSession, pdu: TestSession, inspector: TestSession, sfoLead: TestSession;

beforeAll(async () => {
  t = await openTestDatabase({ referenceData: true });
  await loadReferenceData(t.db, 'test');
  app = createApp({ db: t.db });
  region = await signedIn(t.db, 'service-staff', { region: 'Yorkshire and the Humber' });
  pdu = await signedIn(t.db, 'service-staff', { service: 'Leeds' });
  inspector = await signedIn(t.db, 'inspector');
  sfoLead = await signedIn(t.db, 'sfo-lead');
});
afterAll(() => t?.close());

const home = async (s: TestSession) => {
  const res = await app.request('/', { headers: { cookie: s.cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
const navLink = /<a class="govuk-service-navigation__link" href="\/sfo\/feedback"[^>]*>\s*SFO review feedback/;

describe('SFO review feedback in the navigation', () => {
  it('is offered to a region’s staff in the header and on their home page', async () => {
    const html = await home(region);
    expect(html).toMatch(navLink);
    expect(html).toContain('Serious further offence reviews');
    const feedback = await app.request('/sfo/feedback', { headers: { cookie: region.cookie } });
    expect(feedback.status).toBe(200);
    // The feedback page marks its own navigation item as the current page.
    expect(await feedback.text()).toMatch(/govuk-service-navigation__item--active">\s*<a class="govuk-service-navigation__link" href="\/sfo\/feedback" aria-current="true"/);
  });

  it('is not offered to a PDU’s staff, an inspector or the SFO QA team (who have SFO reviews)', async () => {
    for (const s of [pdu, inspector, sfoLead]) {
      const html = await home(s);
      expect(html).not.toMatch(navLink);
      expect(html).not.toContain('Serious further offence reviews');
    }
  });
});
