// Housekeeping the server does on its own, at start and every hour: sessions past their lifetime or
// idle limit are deleted (they could never be resumed, but would pile up), so are sign-in counters
// with no attempt left in the rate limit's window, and the links from case
// pseudonyms to the service's references are deleted once their retention period has ended
// (retention.ts; retention-main.ts remains for running it by hand); contact lists held for a check
// past their hour are deleted with their numbers; text replies held after a failure are tried again
// (not only when later replies arrive) and deleted, audited, once held past their retention period
// (survey/held-retention.ts). A failed round is logged and the next one tries again: housekeeping
// never stops the server.
import { deleteExpiredPendingContactLists, deleteExpiredSessions, type Db } from '../db/repositories/index.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './identity/sessions.ts';
import { pruneSignInCounters } from './identity/sign-in.ts';
import { deleteExpiredCaseLinks, type LinkDeletion } from './sample/retention.ts';
import { expireHeldReplies } from './survey/held-retention.ts';
import { retryHeldInbound } from './survey/inbound.ts';
import { clock } from './clock.ts';

export const MAINTENANCE_INTERVAL_MS = 60 * 60_000;

export interface MaintenanceRound {
  sessionsDeleted: number;
  signInCountersDeleted: number;
  heldContactListsDeleted: number;
  linksDeleted: LinkDeletion[];
  heldReplies: { handled: number; failed: number; deleted: number };
}

export interface MaintenanceLog {
  info(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** One round of housekeeping, as of `now`. */
export async function runMaintenance(db: Db, now: Date, policy: SessionPolicy = DEFAULT_SESSION_POLICY): Promise<MaintenanceRound> {
  const sessionsDeleted = await deleteExpiredSessions(db, now, new Date(now.getTime() - policy.idleMinutes * 60_000));
  const signInCountersDeleted = await pruneSignInCounters(db, now);
  const heldContactListsDeleted = await deleteExpiredPendingContactLists(db, now);
  const linksDeleted = await deleteExpiredCaseLinks(db, { today: now.toISOString().slice(0, 10), actor: 'system:retention' });
  const retried = await retryHeldInbound(db, now);
  const heldReplies = { ...retried, deleted: await expireHeldReplies(db, now) };
  return { sessionsDeleted, signInCountersDeleted, heldContactListsDeleted, linksDeleted, heldReplies };
}

export interface Maintenance {
  /** Stops the schedule and waits for a round under way. */
  stop(): Promise<void>;
}

/**
 * Runs a round now (or after `firstRoundAfterMs`: a server lets its first pages go first) and then
 * every `intervalMs`; the timers do not keep the process alive.
 */
export function startMaintenance(
  db: Db,
  options: { log: MaintenanceLog; policy?: SessionPolicy; intervalMs?: number; firstRoundAfterMs?: number; now?: () => Date },
): Maintenance {
  const { log, policy = DEFAULT_SESSION_POLICY, intervalMs = MAINTENANCE_INTERVAL_MS, firstRoundAfterMs = 0, now = () => clock.now() } = options;
  let running: Promise<void> | undefined;
  let stopped = false;
  const round = () => {
    if (stopped || running) return; // a slow round is not overtaken by the next
    running = Promise.resolve()
      .then(() => runMaintenance(db, now(), policy))
      .then(
        (done) => {
          const held = done.heldReplies;
          if (done.sessionsDeleted || done.signInCountersDeleted || done.heldContactListsDeleted || done.linksDeleted.length || held.handled || held.failed || held.deleted)
            log.info({ event: 'maintenance', sessionsDeleted: done.sessionsDeleted, signInCountersDeleted: done.signInCountersDeleted, heldContactListsDeleted: done.heldContactListsDeleted, caseLinksDeleted: done.linksDeleted.map((d) => ({ inspectionId: d.inspectionId, links: d.links })), heldReplies: held }, 'maintenance round');
        },
        (error: unknown) => log.error({ event: 'maintenance', err: error }, 'maintenance round failed; trying again at the next'),
      )
      .finally(() => (running = undefined));
  };
  const timer = setInterval(round, intervalMs);
  timer.unref();
  let first: NodeJS.Timeout | undefined;
  if (firstRoundAfterMs > 0) first = setTimeout(round, firstRoundAfterMs).unref();
  else round();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}
