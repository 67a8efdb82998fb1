// An SFO review framework checked and indexed for use: the scale in order, the standards by id,
// and the consistency rules read from the file. The overall rating stays the inspector's
// judgement; the rules only flag one that looks at odds with the standards' ratings.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { SfoFrameworkSchema, type ConsistencyCondition, type ConsistencyRule, type Provenance, type SfoFrameworkDefinition, type SfoStandard } from './framework-schema.ts';

export interface SfoFramework {
  definition: SfoFrameworkDefinition;
  /** `id@version`, stored with every assessment made under it. */
  key: string;
  /** Best first, as the file lists them. */
  ratings: string[];
  standards: SfoStandard[];
  standard(id: string): SfoStandard | undefined;
}

export interface FrameworkProblem {
  path: string;
  message: string;
}

export class SfoFrameworkError extends Error {
  constructor(
    readonly source: string,
    readonly problems: FrameworkProblem[],
  ) {
    super(`SFO review framework ${source} is not valid:\n` + problems.map((p) => `  ${p.path || '(top)'}: ${p.message}`).join('\n'));
    this.name = 'SfoFrameworkError';
  }
}

const formatPath = (path: PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

/** Whether a file's text is an SFO review framework (a top-level `kind: sfo-review`), not a case-based one. */
export const isSfoFrameworkText = (text: string): boolean => /^kind:\s*["']?sfo-review["']?\s*(#.*)?$/m.test(text);

/** File text (YAML or JSON) to a checked framework, or an SfoFrameworkError listing every problem by path. */
export function parseSfoFramework(text: string, fileName: string): SfoFramework {
  let raw: unknown;
  try {
    raw = fileName.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `line ${e.linePos[0].line}` : '';
    throw new SfoFrameworkError(fileName, [{ path: where, message: (e as Error).message.split('\n')[0] ?? 'unreadable' }]);
  }
  const result = SfoFrameworkSchema.safeParse(raw);
  if (!result.success) throw new SfoFrameworkError(fileName, result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  return compileSfoFramework(result.data, fileName);
}

/** Checks what the schema cannot: references to sources, ratings and standards, and unique ids. */
export function compileSfoFramework(def: SfoFrameworkDefinition, source = `${def.id}@${def.version}`): SfoFramework {
  const problems: FrameworkProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });
  const sources = new Set<string>();
  def.sources.forEach((s, i) => (sources.has(s.id) ? add(`sources[${i}].id`, `"${s.id}" is listed twice`) : sources.add(s.id)));
  const checkProvenance = (p: Provenance, path: string) => {
    if (p.source !== undefined && !sources.has(p.source)) add(`${path}.source`, `"${p.source}" is not one of the sources (${[...sources].join(', ')})`);
  };

  const ratings = def.ratingScale.ratings.map((r) => r.rating);
  def.ratingScale.ratings.forEach((r, i) => {
    if (ratings.indexOf(r.rating) !== i) add(`ratingScale.ratings[${i}].rating`, `"${r.rating}" is listed twice`);
    checkProvenance(r.provenance, `ratingScale.ratings[${i}].provenance`);
  });
  if (def.ratingScale.note) checkProvenance(def.ratingScale.note.provenance, 'ratingScale.note.provenance');
  checkProvenance(def.sample.provenance, 'sample.provenance');
  checkProvenance(def.overall.description.provenance, 'overall.description.provenance');

  const standards = new Map<string, SfoStandard>();
  def.standards.forEach((s, i) => {
    const at = `standards[${i}]`;
    if (standards.has(s.id)) add(`${at}.id`, `standard ${s.id} is listed twice`);
    standards.set(s.id, s);
    checkProvenance(s.name.provenance, `${at}.name.provenance`);
    s.aims.forEach((a, j) => checkProvenance(a.provenance, `${at}.aims[${j}].provenance`));
    const questions = new Set<string>();
    s.keyQuestions.forEach((q, j) => {
      if (!q.id.startsWith(`${s.id}.`)) add(`${at}.keyQuestions[${j}].id`, `${q.id} does not belong to standard ${s.id}; number it ${s.id}.n`);
      if (questions.has(q.id)) add(`${at}.keyQuestions[${j}].id`, `${q.id} is listed twice`);
      questions.add(q.id);
      checkProvenance(q.provenance, `${at}.keyQuestions[${j}].provenance`);
    });
  });

  const ruleIds = new Set<string>();
  const checkRating = (value: string | undefined, path: string) => {
    if (value !== undefined && !ratings.includes(value)) add(path, `"${value}" is not on the rating scale (${ratings.join(', ')})`);
  };
  def.overall.consistencyRules.forEach((rule, i) => {
    const at = `overall.consistencyRules[${i}]`;
    if (ruleIds.has(rule.id)) add(`${at}.id`, `"${rule.id}" is listed twice`);
    ruleIds.add(rule.id);
    checkProvenance(rule.provenance, `${at}.provenance`);
    rule.when.forEach((c, j) => {
      const path = `${at}.when[${j}]`;
      if ('overallAtLeast' in c) checkRating(c.overallAtLeast, `${path}.overallAtLeast`);
      if ('overallAtMost' in c) checkRating(c.overallAtMost, `${path}.overallAtMost`);
      if ('standards' in c) {
        checkRating(c.standards.ratedAtLeast, `${path}.standards.ratedAtLeast`);
        checkRating(c.standards.ratedAtMost, `${path}.standards.ratedAtMost`);
        if (typeof c.standards.count === 'number' && c.standards.count > def.standards.length)
          add(`${path}.standards.count`, `there are only ${def.standards.length} standards`);
      }
    });
  });

  if (problems.length) throw new SfoFrameworkError(source, problems);
  return { definition: def, key: `${def.id}@${def.version}`, ratings, standards: def.standards, standard: (id) => standards.get(id) };
}

/** A flag on an overall rating: which rule, and what it says with the figures filled in. */
export interface ConsistencyFlag {
  rule: string;
  message: string;
}

/**
 * The rules an overall rating breaks, given every standard's rating (by standard id). Nothing is
 * flagged until every standard and the overall are rated. Position 0 on the scale is the best.
 */
export function overallRatingFlags(framework: SfoFramework, standardRatings: Readonly<Record<string, string | undefined>>, overall: string | undefined): ConsistencyFlag[] {
  const rank = (r: string) => framework.ratings.indexOf(r);
  const given = framework.standards.map((s) => standardRatings[s.id]);
  if (overall === undefined || rank(overall) < 0 || given.some((r) => r === undefined || rank(r) < 0)) return [];
  const ranks = (given as string[]).map(rank);
  const o = rank(overall);
  const flags: ConsistencyFlag[] = [];
  for (const rule of framework.definition.overall.consistencyRules) {
    let count = 0;
    const holds = rule.when.every((c) => {
      const result = conditionHolds(c, o, ranks, rank);
      if (result.count !== undefined) count = Math.max(count, result.count);
      return result.holds;
    });
    if (holds) flags.push({ rule: rule.id, message: fill(rule, overall, count) });
  }
  return flags;
}

function conditionHolds(c: ConsistencyCondition, overall: number, ranks: number[], rank: (r: string) => number): { holds: boolean; count?: number } {
  // A lower rank is a better rating: "at least Good" is a rank no greater than Good's.
  if ('overallAtLeast' in c) return { holds: overall <= rank(c.overallAtLeast) };
  if ('overallAtMost' in c) return { holds: overall >= rank(c.overallAtMost) };
  if ('standards' in c) {
    const { ratedAtLeast, ratedAtMost, count } = c.standards;
    const within = ranks.filter((r) => (ratedAtLeast === undefined || r <= rank(ratedAtLeast)) && (ratedAtMost === undefined || r >= rank(ratedAtMost))).length;
    return { holds: count === 'all' ? within === ranks.length : within >= count, count: within };
  }
  return c.overallComparedWithStandards === 'above-every-standard' ? { holds: ranks.every((r) => overall < r) } : { holds: ranks.every((r) => overall > r) };
}

const fill = (rule: ConsistencyRule, overall: string, count: number): string =>
  rule.message.replaceAll('{overall}', overall).replaceAll('{count}', String(count));

/** How a text's provenance reads to a user: "verbatim: <source title>" or "to be confirmed". */
export function provenanceLabel(framework: SfoFramework, p: Provenance): string {
  const title = p.source ? framework.definition.sources.find((s) => s.id === p.source)?.title ?? p.source : undefined;
  return p.kind === 'verbatim' ? `verbatim from ${title}` : `to be confirmed${title ? ` (from ${title})` : ''}: ${p.basis}`;
}
