// One day for a whole test file: the services' clock (src/services/clock.ts) keeps the day the file
// starts on as "today" until the file ends, while its instant runs on with the system clock. A date
// the test works out from it ("tomorrow") is still tomorrow for the services and pages it calls
// in-process when the run crosses midnight, and instants (sessions, outboxes) agree with the
// database's now(), on PGlite and on a PostgreSQL server alike. `Date` itself is not faked.
import { afterAll } from 'vitest';
import { dayPinnedClock, type Clock } from '../../src/domain/time/clock.ts';
import { setClock, systemClock } from '../../src/services/clock.ts';

/** Sets the services' clock for this file (call at the top of the file, before dates are worked out); undone after the file. */
export function pinClock(): Clock {
  const clock = dayPinnedClock(systemClock, systemClock.today());
  afterAll(setClock(clock));
  return clock;
}
