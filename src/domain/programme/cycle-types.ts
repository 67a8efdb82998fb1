// What the PDU cycle planner is given and what it gives back. Names follow the regime: a PDU
// (probation delivery unit) is inspected once in the cycle, a region's contextual fact-finding
// week comes before its first PDU of the year, a PDU rated Inadequate gets a return inspection.

/** A PDU to plan. `name` is its key: unique across the input. */
export interface PlanningPdu {
  name: string;
  region: string;
  /** The PDU's latest inspection before the cycle, if any is known. */
  lastInspection?: {
    /** YYYY-MM-DD, YYYY-MM or YYYY (the first day of the period is used), or null when unknown. */
    date: string | null;
    rating: string | null;
  } | null;
}

/**
 * Weeks no inspection is booked in. `from`/`to` are MM-DD (every year; may wrap the year end) or
 * YYYY-MM-DD (once). A week is out when its Monday falls within the range, both ends included.
 */
export interface Blackout {
  from: string;
  to: string;
  label: string;
}

/** Fix an inspection (or a region's fact-finding week) to a week, and to a team if given. */
export type Pin =
  | { pdu: string; week: string; team?: string; inspection?: 'cycle' | 'return' }
  | { region: string; week: string; team?: string };

/**
 * Something that cannot happen: a PDU left out of this cycle (no dates), a PDU that cannot be
 * inspected in some weeks, or a team away in some weeks. Dates are YYYY-MM-DD, both included
 * (a week counts when its Monday is inside).
 */
export type Exclusion =
  | { pdu: string; from?: string; to?: string; reason: string }
  | { team: string; from: string; to: string; reason: string };

/** The soft goals' weights: each adds this much cost per week of distance or overlap. */
export interface SoftWeights {
  /** Distance (weeks) from the booking's ideal week: its region's even spread, or its week in the previous plan. */
  ideal: number;
  /** A region's inspections closer together than an even spread of the region's year would put them. */
  regionSpread: number;
  /** Regions' fact-finding weeks in the same or neighbouring weeks. */
  factFindingSpread: number;
}

export interface CycleInput {
  /** First day of the cycle: a Monday. Programme year k starts on the first Monday on or after the (k-1)th anniversary. */
  start: string;
  /** Years in the cycle (3: every PDU once in three years). */
  years: number;
  regions: readonly string[];
  pdus: readonly PlanningPdu[];
  /** Inspection teams; each does one thing a week (a PDU inspection or a region's fact-finding). */
  teams: readonly string[];
  /** PDU inspections (cycle and return) the inspectorate can do in a programme year; one figure or one per year. */
  capacityPerYear: number | readonly number[];
  blackouts?: readonly Blackout[];
  /** Months after an Inadequate rating within which the return inspection falls (e.g. 12 to 18). */
  returnWindowMonths?: { from: number; to: number };
  /** Fewest weeks between a PDU's return inspection and its cycle inspection. */
  minimumWeeksBetweenInspections?: number;
  pins?: readonly Pin[];
  exclusions?: readonly Exclusion[];
  /** The plan being revised: each booking stays in its year and near its week where the rules allow. */
  previous?: readonly Booking[];
  weights?: Partial<SoftWeights>;
}

export type BookingKind = 'inspection' | 'return-inspection' | 'fact-finding';

export interface Booking {
  kind: BookingKind;
  /** The PDU inspected; null for a region's fact-finding week. */
  pdu: string | null;
  region: string;
  /** Null only when no team was free (the plan's `unmet` says so): never two bookings for one team in a week. */
  team: string | null;
  /** The week's Monday. */
  week: string;
  /** Programme year, from 1. */
  year: number;
  pinned: boolean;
  /** Past the year's capacity (counted in week order); `unmet` names the shortfall. */
  beyondCapacity: boolean;
  reason: string;
}

export type HardRule =
  | 'every-pdu-once'
  | 'region-split'
  | 'yearly-capacity'
  | 'team-weeks'
  | 'one-booking-per-team-week'
  | 'fact-finding-first'
  | 'return-window'
  | 'return-gap'
  | 'availability'
  | 'pin';

export interface Unmet {
  rule: HardRule;
  detail: string;
  suggestion: string;
  year?: number;
  region?: string;
  pdu?: string;
}

export interface YearSummary {
  year: number;
  /** First Monday of the year and the Monday after its last week. */
  start: string;
  end: string;
  weeks: number;
  weeksAvailable: number;
  capacity: number;
  teamWeeks: number;
  inspections: number;
  returnInspections: number;
  factFindingWeeks: number;
}

export interface CyclePlan {
  /** In week order, then team. */
  bookings: Booking[];
  unmet: Unmet[];
  /** What the planner should know that breaks no rule: windows already past, excluded PDUs, pins over blackouts. */
  notes: string[];
  years: YearSummary[];
  /** Cycle inspections per region per year (returns not counted). */
  splits: { region: string; perYear: number[] }[];
}
