// Demonstration accounts have published passwords: on a server others can reach (HOST beyond
// loopback) the ones left from local use are disabled at start, audited. An administrator can
// enable one again in user administration.
import { listUsers, type Db } from '../../db/repositories/index.ts';
import { setAccountActive } from './users.ts';

export async function disableDemoAccounts(db: Db, actor = 'system:demo'): Promise<number> {
  const active = (await listUsers(db)).filter((u) => u.isDemo && u.active);
  for (const user of active) await setAccountActive(db, user.id, false, actor);
  return active.length;
}
