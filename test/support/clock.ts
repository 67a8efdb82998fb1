// One day for a whole test file: the clock is set to midday UTC of the day the file starts and runs
// on from there, for the test and for the app and services it calls in-process (they read `Date`),
// so a date the test works out at load ("tomorrow") is still tomorrow for the service when the run
// crosses midnight. Only Date is faked: timers, PGlite and the event loop run as usual. PGlite reads
// its clock from JavaScript, so its now() moves with the pinned clock; a PostgreSQL server's now()
// cannot, and column defaults such as a session's last_seen_at would then be hours from the app's
// clock, so against a server (TEST_DATABASE_URL) the real clock is kept.
import { afterAll, vi } from 'vitest';

/** Sets the clock for this file (call at the top of the file, before dates are worked out); undone after the file. */
export function pinClock(): Date {
  if (process.env.TEST_DATABASE_URL) return new Date();
  const midday = new Date();
  midday.setUTCHours(12, 0, 0, 0);
  vi.useFakeTimers({ toFake: ['Date'], now: midday, shouldAdvanceTime: true });
  afterAll(() => {
    vi.useRealTimers();
  });
  return midday;
}

