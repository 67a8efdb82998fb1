// The case sample page's view model: the window and method in words, the sample's size and mix
// against the whole caseload, the reliability checks, the cases, and upload problems as table rows
// for the GOV.UK macros.
import { describeWindow, type SamplingWindow } from '../domain/sampling/window.ts';
import { longDate } from '../domain/sampling/dates.ts';
import type { AttributeMix, Share } from '../domain/sampling/mix.ts';
import type { Reliability, ReliabilityRule } from '../domain/sampling/reliability.ts';
import { caseloadFields, type EligibleCase } from '../domain/sampling/eligible-cases.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { formatProblem, type FileProblem } from '../interchange/problems.ts';
import type { CaseSampleRecord } from '../db/repositories/index.ts';
import type { SampleSize } from '../domain/sampling/statistical-sample.ts';

type Cell = { text: string; format?: 'numeric' } | { html: string; format?: 'numeric' };

// What the page reads of a sample (case-sample.ts's SampleSummary, StatisticalDetail and PoolSummary give it).
/** One pool's part of the sample. */
export interface PoolCounts {
  label: string;
  note: string | null;
  window: SamplingWindow;
  minimum: number | null;
  target: number | null;
  caseload: number;
  eligible: number;
  sampled: number;
  belowMinimum: boolean;
  statistical: { raisedToMinimum: boolean } | null;
}
/** A statistical sample's size and how it was worked out. */
export interface StatisticalFigures {
  confidence: number;
  margin: number;
  stratifyBy: string | null;
  size: SampleSize;
  strata?: { stratum: string; population: number; allocated: number; raisedToOne: boolean }[] | null;
}

const percent = (p: number | null) => (p === null ? '–' : `${p.toFixed(1)}%`);
const share = (s: Share) => `${s.count} (${percent(s.percent)})`;
const points = (d: number | null) => (d === null ? '–' : `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d).toFixed(1)}`);
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const valueText = (value: string | null): string => (value === null ? 'Not recorded' : capital(value.replace(/-/g, ' ')));

/** One table per attribute: each value's count and share in the sample and the caseload. */
export function mixTables(mix: readonly AttributeMix[]): { caption: string; rows: Cell[][] }[] {
  return mix.map((m) => ({
    caption: m.label,
    rows: m.rows.map((r) => [
      { text: valueText(r.value) },
      { text: share(r.sample), format: 'numeric' },
      { text: share(r.caseload), format: 'numeric' },
      { text: points(r.difference), format: 'numeric' },
    ]),
  }));
}

export interface ReliabilityItem {
  id: string;
  title: string;
  tag: { text: string; classes: string };
  message: string;
}

export function reliabilityItems(reliability: readonly Reliability[]): ReliabilityItem[] {
  return reliability.map((r) => ({
    id: `reliability-${r.id.replace(/\./g, '-')}`,
    title: r.scope === 'standard' ? `${r.id} ${r.name}` : `${r.scope === 'prompt' ? 'Prompt' : 'Key question'} ${r.id}`,
    tag:
      r.applicableCases === 0
        ? { text: 'No cases', classes: 'govuk-tag--grey' }
        : r.tooSmall
          ? { text: 'Too small', classes: 'govuk-tag--orange' }
          : { text: 'Enough cases', classes: 'govuk-tag--green' },
    message: r.message,
  }));
}

/** What "too small" means, in the domain's own terms; the service named in its framework's words ("PDU"). */
export const reliabilityExplanation = (rule: ReliabilityRule, organisation: string): string =>
  `Taking every case removes sampling error, but not the uncertainty of a small number of cases. For each standard, the cases in the sample it is expected to apply to are counted from their attributes. ` +
  `The sample is too small for a standard when the 95% interval around a result at the edge of Good (${rule.referencePercent}%) reaches more than one rating band (${rule.bandWidth} points) away from it: ` +
  `then the ${organisation}'s true rate could lie two bands from the rating given, and a handful of cases judged the other way would move the rating by a band. ` +
  `It stays within a band from ${rule.casesNeeded} cases.`;

export function methodText(framework: Framework, record: Pick<CaseSampleRecord, 'method' | 'confidence' | 'margin' | 'stratifyBy' | 'seed'> | undefined): string {
  if (record?.method !== 'statistical') return 'Every eligible case that began in the window (3.15)';
  const by = record.stratifyBy ? `, stratified by ${(framework.attribute(record.stratifyBy)?.label ?? record.stratifyBy).toLowerCase()}` : '';
  return `A statistical sample: ${Math.round((record.confidence ?? 0) * 100)}% confidence, ±${Math.round((record.margin ?? 0) * 1000) / 10} points${by}, seed ${record.seed}`;
}

export function windowText(window: SamplingWindow): string {
  return describeWindow(window);
}

export function sizeText(summary: { caseloadSize: number; sampleSize: number }): string {
  const pct = summary.caseloadSize ? ` (${((100 * summary.sampleSize) / summary.caseloadSize).toFixed(1)}%)` : '';
  return `${summary.sampleSize} of the ${summary.caseloadSize} cases in the caseload${pct}`;
}

export function statisticalRows(framework: Framework, detail: StatisticalFigures, population: number): {
  text: string;
  strata: Cell[][] | null;
  strataCaption: string;
} {
  const { size } = detail;
  const text =
    `For ${Math.round(detail.confidence * 100)}% confidence (z = ${size.z.toFixed(2)}) and a margin of ±${Math.round(detail.margin * 1000) / 10} points with p = 0.5, ` +
    `n0 = z²·p(1−p)/e² = ${size.initial.toFixed(1)}; the finite population correction for ${population} cases, n0 / (1 + (n0 − 1)/N), rounded up, gives ${size.size}.`;
  const label = detail.stratifyBy ? (framework.attribute(detail.stratifyBy)?.label ?? detail.stratifyBy) : '';
  return {
    text,
    strataCaption: `Sample by ${label.toLowerCase()}`,
    strata: detail.strata
      ? detail.strata.map((s) => [
          { text: valueText(s.stratum === 'not recorded' ? null : s.stratum) },
          { text: String(s.population), format: 'numeric' },
          { text: String(s.allocated) + (s.raisedToOne ? ' (raised to one)' : ''), format: 'numeric' },
        ])
      : null,
  };
}

/**
 * The case attributes a list of cases shows beside each case: the one whose role is the case type
 * (it decides which standards apply) and the one whose role is the risk level, as the framework
 * file names them (sentence type and RoSH for PDUs, court or out-of-court for youth justice).
 */
export function roleColumns(framework: Framework): { id: string; heading: string }[] {
  return (['case-type', 'risk-level'] as const).flatMap((role) => {
    const a = framework.attributeWithRole(role);
    return a ? [{ id: a.id, heading: a.label }] : [];
  });
}

/** Cases of a draft sample; the service's references only for the service itself. */
export function draftCaseRows(framework: Framework, cases: readonly EligibleCase[], withReferences: boolean): Cell[][] {
  const start = framework.attributeWithRole('start-date')?.id;
  return cases.map((c, i) => [
    { text: withReferences ? c.caseRef : String(i + 1) },
    { text: c.practitioner },
    { text: start && c.attributes[start] ? longDate(c.attributes[start]) : '–' },
    ...roleColumns(framework).map((col) => ({ text: valueText(c.attributes[col.id] ?? null) })),
  ]);
}

/** Upload problems as table rows: row, column, case and the problem. */
export function problemRows(problems: readonly FileProblem[], withCase = true): Cell[][] {
  return problems.map((p) => [
    { text: p.row !== undefined ? String(p.row) : '–', format: 'numeric' },
    { text: p.column ?? '–' },
    ...(withCase ? [{ text: p.caseRef ?? '–' }] : []),
    { text: p.message },
  ]);
}

/** The GOV.UK error summary's list: the first problems in full, then how many more. */
export function problemSummary(problems: readonly FileProblem[], href: string, first = 10): { href: string; text: string }[] {
  const list = problems.slice(0, first).map((p) => ({ href, text: capital(formatProblem(p)) }));
  if (problems.length > first) list.push({ href: '#problems', text: `And ${problems.length - first} more problem${problems.length - first === 1 ? '' : 's'}, listed below` });
  return list;
}

/** One pool's counts as a table row: the pool, its caseload, its eligible cases, its sample, and
 * the minimum and target where the framework gives them ("Not confirmed" where it does not). */
export function poolRows(pools: readonly PoolCounts[]): Cell[][] {
  const known = (n: number | null) => (n === null ? 'Not confirmed' : String(n));
  return pools.map((p) => [
    { text: p.label },
    { text: p.caseload ? String(p.caseload) : '0 (not uploaded)', format: 'numeric' },
    { text: String(p.eligible), format: 'numeric' },
    { text: String(p.sampled) + (p.statistical?.raisedToMinimum ? ' (raised to the minimum)' : ''), format: 'numeric' },
    { text: `${known(p.minimum)} / ${known(p.target)}`, format: 'numeric' },
  ]);
}

/** What each pool's row means, and what is still to be confirmed about the pools. */
export function poolNotes(pools: readonly PoolCounts[]): { label: string; window: string; note: string | null; warning: string | null }[] {
  return pools.map((p) => ({
    label: p.label,
    window: describeWindow(p.window),
    note: p.note,
    warning: !p.caseload
      ? `No ${p.label.toLowerCase()} are uploaded yet: upload them in a file of their own, or in one file with every case.`
      : p.belowMinimum
        ? `The ${p.label.toLowerCase()} in the sample (${p.sampled}) are fewer than the minimum of ${p.minimum}.`
        : null,
  }));
}

/** The caseload in words, pool by pool: "52 cases: 40 court disposals, 12 out-of-court disposals". */
export const poolCaseloadText = (pools: readonly Pick<PoolCounts, 'caseload' | 'label'>[], total: number): string =>
  `${total} case${total === 1 ? '' : 's'}: ${pools.map((p) => `${p.caseload} ${p.label.charAt(0).toLowerCase()}${p.label.slice(1)}`).join(', ')}`;

/** The caseload file's hint: its columns in the framework's words, required first. */
export function caseloadHint(framework: Framework, pooled: boolean): string {
  const fields = caseloadFields(framework);
  const caseType = framework.attributeWithRole('case-type')?.id;
  const required = fields.filter((f) => f.required).map((f) => f.label.toLowerCase() + (pooled && f.id === caseType ? ' (not needed in a file of one kind)' : ''));
  const optional = fields.filter((f) => !f.required).map((f) => f.label.toLowerCase());
  return (
    `One row per case, with columns for the ${required.join(', ')}` +
    (optional.length ? `; and if you have them, ${optional.join(', ')}` : '') +
    '. Other columns are not read. A file with any problem changes nothing, and every problem is listed.'
  );
}

/** Each pseudonym's pool label, from a confirmed sample's summary. */
export function poolOfCase(summary: { pools?: readonly { label: string; cases?: readonly string[] }[] } | undefined): Map<string, string> {
  return new Map((summary?.pools ?? []).flatMap((p) => (p.cases ?? []).map((ref) => [ref, p.label] as const)));
}
