// The services' clock. Services read the time only through `clock` (never `new Date()` or
// `Date.now()`), so a test can set it for a file (test/support/clock.ts) and the composition root
// can give the app another. It is the system clock unless set.
import { isoDate, type Clock } from '../domain/time/clock.ts';

export type { Clock } from '../domain/time/clock.ts';

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => isoDate(new Date()),
};

let current: Clock = systemClock;

/** The clock the services read: whichever is set now. */
export const clock: Clock = {
  now: () => current.now(),
  today: () => current.today(),
};

/** Sets the services' clock; returns the undo. */
export function setClock(next: Clock): () => void {
  const previous = current;
  current = next;
  return () => {
    current = previous;
  };
}
