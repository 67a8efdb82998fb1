// The time as the services read it: the instant, and the day (an ISO date, UTC: the day the product
// has always used for publication dates, milestones and "today"). The system clock is in
// src/services/clock.ts; a fixed clock is here so tests and benchmarks can date a run.

export interface Clock {
  now(): Date;
  /** Today as an ISO date (YYYY-MM-DD, UTC). */
  today(): string;
}

/** The ISO date (UTC) of an instant. */
export const isoDate = (at: Date): string => at.toISOString().slice(0, 10);

/** The ISO date `days` after (or before) an ISO date. */
export const daysAfter = (iso: string, days: number): string => isoDate(new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000));

export interface SettableClock extends Clock {
  /** Moves the clock to an instant (or midday UTC of an ISO date). */
  set(at: Date | string): void;
  /** Moves the clock on by milliseconds (back, if negative). */
  advance(ms: number): void;
}

const instant = (at: Date | string) => (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(at) ? new Date(`${at}T12:00:00Z`) : new Date(at));

/** A clock that stands still until moved: at an instant, or at midday UTC of an ISO date. */
export function fixedClock(at: Date | string): SettableClock {
  let ms = instant(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${String(at)}`);
  return {
    now: () => new Date(ms),
    today: () => isoDate(new Date(ms)),
    set: (to) => {
      ms = instant(to).getTime();
    },
    advance: (by) => {
      ms += by;
    },
  };
}

/** A clock whose day stays `day` while its instant runs on with `base`: a test's dates agree all through a run that crosses midnight, and its instants agree with a database server's now(). */
export const dayPinnedClock = (base: Clock, day: string): Clock => ({ now: () => base.now(), today: () => day });
