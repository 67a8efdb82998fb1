// On a server reachable beyond this machine, demonstration accounts left from local use (their
// passwords are published) are disabled at start, audited; other accounts are untouched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, listUsers } from '../../src/db/repositories/index.ts';
import { disableDemoAccounts } from '../../src/services/identity/demo-accounts-off.ts';
import { DEMO_ACCOUNTS, ensureDemoUsers } from '../../src/services/identity/demo-users.ts';
import { signInWithPassword } from '../../src/services/identity/sign-in.ts';
import { createAccount } from '../../src/services/identity/users.ts';
import { loadReferenceData } from '../../src/services/reference-data.ts';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { cheapPasswordHashingForTests } from '../../src/services/identity/passwords.ts';

let handle: TestDatabase;
let productionHashing: () => void;
beforeAll(async () => {
  // The demonstration accounts' passwords hashed cheaply: what is made is the question here, not the
  // hashing's cost (sign-in.storage.test.ts checks it), ~0.16 s of CPU a hash at the production cost.
  productionHashing = cheapPasswordHashingForTests();
  handle = await openTestDatabase({ referenceData: true });
  await loadReferenceData(handle.db, 'test');
});
afterAll(async () => {
  productionHashing?.();
  await handle?.close();
});

describe('demonstration accounts on a server others can reach', () => {
  it('are disabled, each with an audit event, and no longer sign in; real accounts are untouched', async () => {
    await ensureDemoUsers(handle.db, undefined);
    await createAccount(handle.db, { email: 'real@example.org', displayName: 'Real', role: 'administrator', password: 'a real long password' }, 'test');
    const demo = DEMO_ACCOUNTS[0]!;
    expect((await signInWithPassword(handle.db, { email: demo.email, password: demo.password, ip: '10.1.1.1' }, new Date())).outcome).toBe('signed-in');

    expect(await disableDemoAccounts(handle.db)).toBe(DEMO_ACCOUNTS.length);
    const users = await listUsers(handle.db);
    expect(users.filter((u) => u.isDemo).map((u) => u.active)).toEqual(DEMO_ACCOUNTS.map(() => false));
    expect(users.find((u) => u.email === 'real@example.org')!.active).toBe(true);
    expect((await signInWithPassword(handle.db, { email: demo.email, password: demo.password, ip: '10.1.1.2' }, new Date())).outcome).toBe('refused');
    const disabled = (await listAudit(handle.db, { entity: 'user' })).filter((e) => e.action === 'user.disabled');
    expect(disabled).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(disabled.map((e) => e.actor))).toEqual(new Set(['system:demo']));
    expect(await disableDemoAccounts(handle.db)).toBe(0); // once is enough
  });
});
