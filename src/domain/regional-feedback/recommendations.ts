// Which standard a recommendation is about, read from its words: a standard's number (2.2, or a
// key question or prompt of it such as 2.2.3) if it names exactly one, otherwise the standard's
// name (Assessment, Planning, Leadership …, allowing word endings) if exactly one matches. A
// recommendation naming several standards, or none, is left unmatched rather than guessed.
import type { Framework } from '../framework/framework.ts';
import type { FeedbackRecommendation, RecommendationGroup } from './types.ts';

/** Words of standards' names too general to say which standard a sentence is about. */
const GENERAL = new Set(['and', 'of', 'the', 'on', 'for', 'to', 'in', 'work', 'service', 'services', 'delivery', 'person', 'people', 'probation', 'information']);

/** A word without its ending: leadership → leader, assessment → assess, planning → plan, facilities → facilit. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  for (const [suffix, min] of [['ship', 4], ['ation', 4], ['ment', 4], ['ing', 4], ['ies', 4], ['s', 4]] as const) {
    if (w.endsWith(suffix) && w.length - suffix.length >= min) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  // planning → plann → plan
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ss|ff|ll)$/.test(w)) w = w.slice(0, -1);
  return w;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function namePatterns(framework: Framework): { id: string; patterns: RegExp[] }[] {
  return framework.standards.map((s) => ({
    id: s.id,
    patterns: s.name
      .split(/[^A-Za-z]+/)
      .filter((w) => w && !GENERAL.has(w.toLowerCase()))
      .map((w) => new RegExp(`\\b${escapeRegExp(stem(w))}`, 'i')),
  }));
}

/** The standard the text is about, or null when it names none or several. */
export function matchStandard(framework: Framework, text: string): string | null {
  const ids = new Set(framework.standards.map((s) => s.id));
  const named = new Set<string>();
  for (const m of text.matchAll(/(?<![\d.])(\d+\.\d+)(?:\.\d+[a-z]?)?(?![\d])/g)) if (ids.has(m[1]!)) named.add(m[1]!);
  if (named.size) return named.size === 1 ? [...named][0]! : null;
  const matched = namePatterns(framework).filter((p) => p.patterns.length && p.patterns.some((re) => re.test(text)));
  return matched.length === 1 ? matched[0]!.id : null;
}

/** Recommendations to the PDUs grouped by the standard each is about, in the framework's order; the unmatched last. */
export function groupByStandard(framework: Framework, items: readonly FeedbackRecommendation[]): RecommendationGroup[] {
  const byStandard = new Map<string | null, FeedbackRecommendation[]>();
  for (const item of items) {
    const id = matchStandard(framework, item.text);
    const list = byStandard.get(id);
    if (list) list.push(item);
    else byStandard.set(id, [item]);
  }
  const groups: RecommendationGroup[] = framework.standards
    .filter((s) => byStandard.has(s.id))
    .map((s) => ({ standardId: s.id, heading: `${s.id} ${s.name}`, items: byStandard.get(s.id)! }));
  const rest = byStandard.get(null);
  if (rest) groups.push({ standardId: null, heading: 'Not matched to one standard', items: rest });
  return groups;
}
