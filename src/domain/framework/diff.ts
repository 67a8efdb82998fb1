// What changed between two versions of a framework: standards, key questions and prompts added,
// removed, renamed, reworded or moved (the same text under another id), and rule changes, with the
// standards whose figures cannot be compared across the two versions because of them. Pure.
import type { Framework } from './framework.ts';
import type { KeyQuestion, Prompt, Standard } from './schema.ts';

export type ItemChange = 'added' | 'removed' | 'renamed' | 'reworded' | 'moved';

export interface ItemDiff {
  kind: 'standard' | 'key-question' | 'prompt';
  /** The id in the newer version (the older one's when removed). */
  id: string;
  changes: ItemChange[];
  /** The id in the older version, when moved. */
  fromId?: string;
  before?: { name?: string; text: string; domain?: string };
  after?: { name?: string; text: string; domain?: string };
}

export interface RuleChange {
  /** What the rule is: 'treatment of 3.4', 'key-question bands', 'case attribute case_type' … */
  rule: string;
  /** The standard it concerns, if one. */
  standard?: string;
  before: unknown;
  after: unknown;
}

export interface FrameworkDiff {
  from: string;
  to: string;
  items: ItemDiff[];
  rules: RuleChange[];
  /** Standards of either version whose ratings and figures cannot be compared across the two. */
  notComparable: { standard: string; reasons: string[] }[];
  /** Whether overall ratings can be compared: the same rating rules, points, bands and counted standards (a reworded standard is listed above, not here). */
  overallComparable: boolean;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Entry {
  id: string;
  kind: ItemDiff['kind'];
  text: string;
  name?: string;
  domain?: string;
  standard: string;
}

function entries(framework: Framework): Entry[] {
  const list: Entry[] = [];
  for (const domain of framework.definition.domains)
    for (const s of domain.standards) {
      list.push({ id: s.id, kind: 'standard', name: s.name, text: s.statement, domain: domain.name, standard: s.id });
      for (const kq of s.keyQuestions) {
        list.push({ id: kq.id, kind: 'key-question', text: kq.text, standard: s.id });
        for (const p of kq.prompts) list.push({ id: p.id, kind: 'prompt', text: p.text, standard: s.id });
      }
    }
  return list;
}

const shown = (e: Entry) => ({ ...(e.name !== undefined ? { name: e.name } : {}), text: e.text, ...(e.domain !== undefined ? { domain: e.domain } : {}) });

function itemDiffs(older: Framework, newer: Framework): ItemDiff[] {
  const before = entries(older);
  const after = entries(newer);
  const beforeById = new Map(before.map((e) => [`${e.kind}:${e.id}`, e]));
  const afterById = new Map(after.map((e) => [`${e.kind}:${e.id}`, e]));
  const diffs: ItemDiff[] = [];
  for (const a of after) {
    const b = beforeById.get(`${a.kind}:${a.id}`);
    if (!b) continue;
    const changes: ItemChange[] = [];
    if (a.name !== b.name) changes.push('renamed');
    if (a.text !== b.text) changes.push('reworded');
    if (a.domain !== b.domain) changes.push('moved');
    if (changes.length) diffs.push({ kind: a.kind, id: a.id, changes, before: shown(b), after: shown(a) });
  }
  // Unmatched by id: the same text under another id is a move; anything else is added or removed.
  const removed = before.filter((b) => !afterById.has(`${b.kind}:${b.id}`));
  const added = after.filter((a) => !beforeById.has(`${a.kind}:${a.id}`));
  const movedFrom = new Set<Entry>();
  for (const a of added) {
    const b = removed.find((r) => r.kind === a.kind && !movedFrom.has(r) && r.text === a.text && r.name === a.name);
    if (b) {
      movedFrom.add(b);
      diffs.push({ kind: a.kind, id: a.id, fromId: b.id, changes: ['moved'], before: shown(b), after: shown(a) });
    } else diffs.push({ kind: a.kind, id: a.id, changes: ['added'], after: shown(a) });
  }
  for (const b of removed) if (!movedFrom.has(b)) diffs.push({ kind: b.kind, id: b.id, changes: ['removed'], before: shown(b) });
  return diffs;
}

/** How a standard is rated: who assesses it, its treatment, when it applies, and its key questions' conditions. */
function ratingRule(framework: Framework, s: Standard) {
  const t = framework.definition.rules.standards.find((x) => x.standard === s.id);
  return {
    assessedBy: s.assessedBy,
    treatment: t?.treatment,
    notRatedWithoutRelevantCases: t?.notRatedWithoutRelevantCases ?? false,
    appliesWhen: s.appliesWhen ?? null,
    keyQuestionConditions: s.keyQuestions.map((kq: KeyQuestion) => [kq.id, kq.appliesWhen ?? null]),
    promptConditions: s.keyQuestions.flatMap((kq) => kq.prompts.filter((p: Prompt) => p.appliesWhen).map((p) => [p.id, p.appliesWhen])),
  };
}

function ruleChanges(older: Framework, newer: Framework): RuleChange[] {
  const changes: RuleChange[] = [];
  const r0 = older.definition.rules;
  const r1 = newer.definition.rules;
  const global: [string, unknown, unknown][] = [
    ['percentages', { ...r0.percentages, note: undefined }, { ...r1.percentages, note: undefined }],
    ['key-question bands', r0.keyQuestionBands.map((b) => [b.rating, b.minPercent]), r1.keyQuestionBands.map((b) => [b.rating, b.minPercent])],
    ['standard rating', r0.standardRating, r1.standardRating],
    ['points', r0.points, r1.points],
    ['overall bands', r0.overallBands.bands, r1.overallBands.bands],
    ['judgements', r0.judgements.map((j) => j.id), r1.judgements.map((j) => j.id)],
    ['limiting rules', r0.limitingRules.map(({ id, when, limit }) => ({ id, when, limit })), r1.limitingRules.map(({ id, when, limit }) => ({ id, when, limit }))],
    ['organisation inspected', older.regime.organisationKind, newer.regime.organisationKind],
    ['sample window (months before fieldwork)', older.regime.sampleWindow.monthsBeforeFieldwork, newer.regime.sampleWindow.monthsBeforeFieldwork],
  ];
  for (const [rule, before, after] of global) if (!same(before, after)) changes.push({ rule, before, after });
  const attrs0 = new Map(older.definition.caseAttributes.map((a) => [a.id, a]));
  const attrs1 = new Map(newer.definition.caseAttributes.map((a) => [a.id, a]));
  for (const id of new Set([...attrs0.keys(), ...attrs1.keys()])) {
    const a = attrs0.get(id);
    const b = attrs1.get(id);
    const shape = (x: typeof a) => x && { type: x.type, required: x.required ?? false, role: x.role ?? null, values: x.values ?? null };
    if (!same(shape(a), shape(b))) changes.push({ rule: `case attribute ${id}`, before: shape(a) ?? null, after: shape(b) ?? null });
  }
  for (const s of newer.standards) {
    const old = older.standard(s.id);
    if (!old) continue;
    const before = ratingRule(older, old);
    const after = ratingRule(newer, s);
    for (const key of Object.keys(before) as (keyof typeof before)[])
      if (!same(before[key], after[key])) changes.push({ rule: `${key} of ${s.id}`, standard: s.id, before: before[key], after: after[key] });
  }
  return changes;
}

export function diffFrameworks(older: Framework, newer: Framework): FrameworkDiff {
  const items = itemDiffs(older, newer);
  const rules = ruleChanges(older, newer);
  const reasons = new Map<string, Set<string>>();
  const why = (standard: string, reason: string) => (reasons.get(standard) ?? reasons.set(standard, new Set()).get(standard)!).add(reason);
  const standardOf = (d: ItemDiff) => (d.kind === 'standard' ? d.id : (newer.item(d.id) ?? older.item(d.id))?.standard.id ?? d.id.split('.').slice(0, 2).join('.'));
  const wholeStandard = new Set(items.filter((d) => d.kind === 'standard' && (d.changes.includes('added') || d.changes.includes('removed'))).map((d) => d.id));
  for (const d of items) {
    if (d.kind === 'prompt') continue; // prompts guide the judgement; the key questions are what is counted
    const standard = standardOf(d);
    if (d.kind !== 'standard' && wholeStandard.has(standard)) continue;
    if (d.kind === 'standard' && d.changes.includes('added')) why(standard, 'added');
    else if (d.kind === 'standard' && d.changes.includes('removed')) why(standard, 'removed');
    else for (const c of d.changes) why(standard, d.kind === 'standard' ? `${c === 'reworded' ? 'statement reworded' : c}` : `key question ${d.id} ${c}`);
    if (d.fromId) why(d.fromId.split('.').slice(0, 2).join('.'), `${d.fromId} moved to ${d.id}`);
  }
  for (const r of rules) if (r.standard) why(r.standard, `${r.rule.split(' of ')[0]} changed`);
  const scaleChanged = rules.some((r) => ['percentages', 'key-question bands', 'standard rating'].includes(r.rule));
  if (scaleChanged) for (const s of newer.caseStandards) why(s.id, 'key-question rating rules changed');
  const counted = (f: Framework) => f.countedStandards.map((s) => s.id);
  const overallComparable =
    !scaleChanged &&
    !rules.some((r) => ['points', 'overall bands', 'judgements', 'limiting rules'].includes(r.rule)) &&
    same(counted(older), counted(newer));
  const order = [...newer.standards.map((s) => s.id), ...older.standards.map((s) => s.id).filter((id) => !newer.standard(id))];
  return {
    from: older.key,
    to: newer.key,
    items,
    rules,
    notComparable: order.filter((id) => reasons.has(id)).map((standard) => ({ standard, reasons: [...reasons.get(standard)!] })),
    overallComparable,
  };
}
