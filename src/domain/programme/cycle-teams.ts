// Teams to bookings, week by week: a pinned team first, then the team the revised plan had, then
// the free team with the fewest bookings so far (the first listed on a tie). A week never gets a
// team twice; a booking with no free team keeps team null and the checker reports it.
import type { CycleContext } from './cycle-context.ts';
import type { BookingKind } from './cycle-types.ts';
import type { Item } from './cycle-weeks.ts';

const KIND_ORDER: Record<BookingKind, number> = { 'fact-finding': 0, 'return-inspection': 1, inspection: 2 };

export function assignTeams(ctx: CycleContext, items: readonly Item[]): void {
  const used = new Map(ctx.teams.map((t) => [t, 0]));
  const byWeek = new Map<number, Item[]>();
  for (const i of items) byWeek.set(i.week, [...(byWeek.get(i.week) ?? []), i]);
  for (const w of [...byWeek.keys()].sort((a, b) => a - b)) {
    const week = byWeek.get(w)!.sort(
      (a, b) =>
        Number(b.pinTeam !== null) - Number(a.pinTeam !== null) ||
        Number(b.pinned) - Number(a.pinned) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        ((a.pdu ?? a.region) < (b.pdu ?? b.region) ? -1 : 1),
    );
    const taken = new Set<string>();
    for (const item of week) {
      let team = item.pinTeam;
      if (team === null) {
        const free = ctx.teams.filter((t) => !taken.has(t) && !ctx.teamAway.get(t)?.has(w));
        team = free.find((t) => t === item.previousTeam) ?? free.reduce<string | null>((best, t) => (best === null || used.get(t)! < used.get(best)! ? t : best), null);
      }
      item.team = team;
      if (team === null) continue;
      taken.add(team);
      used.set(team, used.get(team)! + 1);
    }
  }
}
