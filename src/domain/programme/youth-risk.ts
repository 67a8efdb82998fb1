// A youth justice service's risk score from the intelligence held on it: a weighted sum of five
// factors, each scaled 0 to 1, with every factor's part returned so a page can show the sum.
// Missing intelligence adds nothing (and says so) rather than being guessed.
import { describeMonths, monthsBetween, normaliseDate } from './dates.ts';

export interface YouthService {
  /** The service's name, as in the HMIP report; its key. */
  name: string;
  lastInspection?: { date: string | null; rating: string | null } | null;
  /** Children the service works with (its caseload); null when not known. */
  caseload?: number | null;
  /** Concerns raised about the service in the past year (by partners, other inspectorates, the YJB, complaints). */
  concerns?: number | null;
  /** Share, 0 to 1, of the service's published performance indicators worse than the national figure. */
  performance?: number | null;
  /** To be inspected jointly with other inspectorates. */
  joint?: boolean;
}

export type RiskFactor = 'timeSinceInspection' | 'lastRating' | 'caseload' | 'concerns' | 'performance';

export interface RiskSettings {
  /** Points each factor adds at its full extent; the defaults sum to 100. */
  weights: Record<RiskFactor, number>;
  /** Time since inspection counts in full at this many months: the four-year round. */
  fullAfterMonths: number;
  /** Concerns count in full at this many. */
  concernsForFull: number;
  /** How far each rating counts, 0 to 1. */
  ratingShare: Record<string, number>;
}

export const DEFAULT_RISK_SETTINGS: RiskSettings = {
  weights: { timeSinceInspection: 30, lastRating: 25, caseload: 10, concerns: 20, performance: 15 },
  fullAfterMonths: 48,
  concernsForFull: 3,
  ratingShare: { Inadequate: 1, 'Requires improvement': 2 / 3, Good: 1 / 3, Outstanding: 0 },
};

export const FACTOR_LABELS: Record<RiskFactor, string> = {
  timeSinceInspection: 'Time since last inspection',
  lastRating: 'Last rating',
  caseload: 'Caseload',
  concerns: 'Concerns raised',
  performance: 'Performance data',
};

export interface FactorScore {
  factor: RiskFactor;
  label: string;
  /** What the intelligence says, in words ("3 years 2 months", "Inadequate", "no data"). */
  value: string;
  /** 0 to 1: how far the factor counts. */
  share: number;
  weight: number;
  /** share × weight: the points this factor adds. */
  contribution: number;
  missing: boolean;
  explanation: string;
}

export interface YouthRiskScore {
  service: string;
  /** The sum of the factors' contributions. */
  score: number;
  factors: FactorScore[];
}

const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

function factor(f: RiskFactor, settings: RiskSettings, share: number | null, value: string, basis: string): FactorScore {
  const weight = settings.weights[f];
  const s = share === null ? 0 : Math.min(1, Math.max(0, share));
  return {
    factor: f,
    label: FACTOR_LABELS[f],
    value,
    share: s,
    weight,
    contribution: s * weight,
    missing: share === null,
    explanation: share === null ? `${value}: adds nothing` : `${basis}: ${fmt(s)} × ${fmt(weight)} = ${fmt(s * weight)}`,
  };
}

export function resolveRiskSettings(partial?: Partial<RiskSettings>): RiskSettings {
  return {
    ...DEFAULT_RISK_SETTINGS,
    ...partial,
    weights: { ...DEFAULT_RISK_SETTINGS.weights, ...partial?.weights },
    ratingShare: { ...DEFAULT_RISK_SETTINGS.ratingShare, ...partial?.ratingShare },
  };
}

/** Months since the service's last inspection, 'never' with none on record, or null when its date is unknown. */
export function monthsSinceInspection(service: YouthService, asOf: string): number | 'never' | null {
  const last = service.lastInspection;
  if (!last || (!last.date && !last.rating)) return 'never';
  const date = normaliseDate(last.date);
  return date ? Math.max(0, monthsBetween(date, asOf)) : null;
}

/** `largestCaseload`: the largest known caseload among the services compared, which counts in full. */
export function scoreYouthService(service: YouthService, asOf: string, largestCaseload: number, settings: RiskSettings = DEFAULT_RISK_SETTINGS): YouthRiskScore {
  const months = monthsSinceInspection(service, asOf);
  const full = describeMonths(settings.fullAfterMonths);
  const time =
    months === 'never'
      ? factor('timeSinceInspection', settings, 1, 'no inspection on record', 'never inspected: counts in full')
      : months === null
        ? factor('timeSinceInspection', settings, null, 'inspected, date unknown', '')
        : factor('timeSinceInspection', settings, months / settings.fullAfterMonths, describeMonths(months), `${describeMonths(months)} of ${full}`);
  const rating = service.lastInspection?.rating ?? null;
  const ratingShare = rating === null ? undefined : settings.ratingShare[rating];
  const ratingFactor =
    ratingShare === undefined
      ? factor('lastRating', settings, null, rating === null ? 'no rating on record' : `"${rating}" (not on the scale)`, '')
      : factor('lastRating', settings, ratingShare, rating!, rating!);
  const caseload =
    service.caseload == null || largestCaseload <= 0
      ? factor('caseload', settings, null, 'no data', '')
      : factor('caseload', settings, service.caseload / largestCaseload, `${service.caseload} children`, `${service.caseload} of the largest, ${largestCaseload}`);
  const concerns =
    service.concerns == null
      ? factor('concerns', settings, null, 'no data', '')
      : factor('concerns', settings, service.concerns / settings.concernsForFull, `${service.concerns} raised`, `${service.concerns} of ${settings.concernsForFull} (full)`);
  const performance =
    service.performance == null
      ? factor('performance', settings, null, 'no data', '')
      : factor('performance', settings, service.performance, `${Math.round(service.performance * 100)}% of indicators worse than national`, `${Math.round(service.performance * 100)}% of indicators worse than national`);
  const factors = [time, ratingFactor, caseload, concerns, performance];
  return { service: service.name, score: factors.reduce((s, f) => s + f.contribution, 0), factors };
}

/** Every service scored and ranked, highest first (ties by name). */
export function scoreYouthServices(services: readonly YouthService[], asOf: string, settings?: Partial<RiskSettings>): YouthRiskScore[] {
  const resolved = resolveRiskSettings(settings);
  const largest = Math.max(0, ...services.map((s) => s.caseload ?? 0));
  return services
    .map((s) => scoreYouthService(s, asOf, largest, resolved))
    .sort((a, b) => b.score - a.score || (a.service < b.service ? -1 : a.service > b.service ? 1 : 0));
}
