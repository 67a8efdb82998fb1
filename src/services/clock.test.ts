import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../domain/time/clock.ts';
import { clock, setClock, systemClock } from './clock.ts';

describe("the services' clock", () => {
  let undo = () => {};
  afterEach(() => undo());

  it('is the system clock until set, reads the clock set, and the undo puts the previous one back', () => {
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    expect(clock.today()).toBe(systemClock.today());
    const outer = setClock(fixedClock('2030-01-31T23:59:59Z'));
    undo = setClock(fixedClock('2031-06-15'));
    expect(clock.today()).toBe('2031-06-15');
    undo();
    expect(clock.now().toISOString()).toBe('2030-01-31T23:59:59.000Z');
    undo = outer;
  });
});
