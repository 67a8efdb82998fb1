// After every save the page says so: the redirect names what was done (?flash=KEY) and the page it
// lands on shows the GOV.UK success banner with those words; an unknown key shows nothing, so no
// link can put words of its own on a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { formPost, signedIn, type TestSession } from '../support/sessions.ts';
import { openDemoTestDatabase, type TestDatabase } from '../support/test-database.ts';

let handle: TestDatabase;
let app: ReturnType<typeof createApp>;
let admin: TestSession;
let lead: TestSession;
let demoId: number;

beforeAll(async () => {
  ({ handle, demoId } = await openDemoTestDatabase());
  app = createApp({ db: handle.db });
  admin = await signedIn(handle.db, 'administrator');
  lead = await signedIn(handle.db, 'lead-inspector', { inspection: { id: demoId, as: 'lead-inspector' } });
});
afterAll(() => handle?.close());

const get = (s: TestSession, path: string) => app.request(path, { headers: { cookie: s.cookie } });
const banner = (html: string) => /govuk-notification-banner--success[\s\S]*?<p class="govuk-notification-banner__heading">\s*([^<]*?)\s*<\/p>/.exec(html)?.[1];

describe('the banner after a save', () => {
  it('says the role was changed, and the account disabled and enabled again', async () => {
    const other = await signedIn(handle.db, 'inspector');
    const changed = await app.request(`/admin/users/${other.userId}/role`, formPost(admin, { role: 'analyst' }));
    expect(changed.status).toBe(303);
    expect(changed.headers.get('location')).toBe(`/admin/users/${other.userId}?flash=role-changed`);
    expect(banner(await (await get(admin, changed.headers.get('location')!)).text())).toBe('The role has been changed.');
    const disabled = await app.request(`/admin/users/${other.userId}/active`, formPost(admin, { active: 'false' }));
    expect(banner(await (await get(admin, disabled.headers.get('location')!)).text())).toBe('The account has been disabled: it can no longer sign in.');
    const enabled = await app.request(`/admin/users/${other.userId}/active`, formPost(admin, { active: 'true' }));
    expect(banner(await (await get(admin, enabled.headers.get('location')!)).text())).toBe('The account can sign in again.');
  });

  it('says the case assignments were saved, on the team page', async () => {
    const saved = await app.request(`/inspections/${demoId}/team/assignments`, formPost(lead, {}));
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/inspections/${demoId}/team?flash=assignments-saved`);
    expect(banner(await (await get(lead, saved.headers.get('location')!)).text())).toBe('The case assignments have been saved.');
  });

  it('shows nothing for a key it does not know', async () => {
    const html = await (await get(admin, `/admin/users/${admin.userId}?flash=${encodeURIComponent('Your account is closed')}`)).text();
    expect(banner(html)).toBeUndefined();
    expect(html).not.toContain('Your account is closed');
  });
});
