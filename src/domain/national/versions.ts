// Which standards of an annual report can be pooled or compared across framework versions: the
// diff between the versions (diff.ts) says which standards changed (reworded, renamed, added,
// removed, rule changes) and whether overall ratings can be compared. Pure.
import { diffFrameworks, type FrameworkDiff } from '../framework/diff.ts';
import type { Framework } from '../framework/framework.ts';

export interface VersionComparison {
  /** Why `standardId` of the report's version cannot be compared with `other`'s; null when it can. */
  standard(other: Framework, standardId: string): string | null;
  /**
   * Why a key question's figures cannot be compared with `other`'s: its standard's reasons, less
   * those about the standard's name and statement or its other key questions; null when they can.
   */
  keyQuestion(other: Framework, standardId: string, keyQuestionId: string): string | null;
  /** Why overall ratings and scores under `other` cannot be compared; null when they can. */
  overall(other: Framework): string | null;
  /** Why an inspection-level judgement (diversity) under `other` cannot be compared; null when it can. */
  judgement(other: Framework, judgementId: string): string | null;
}

/** What changed for one standard, in the diff's words, as a sentence naming both versions. */
function reasonFromDiff(diff: FrameworkDiff, standardId: string, keep: (reason: string) => boolean = () => true): string | null {
  const reasons = diff.notComparable.find((n) => n.standard === standardId)?.reasons.filter(keep) ?? [];
  if (!reasons.length) return null;
  const parts = reasons.map((r) =>
    r === 'added' ? `in ${diff.to} but not in ${diff.from}` : r === 'removed' ? `in ${diff.from} but not in ${diff.to}` : r,
  );
  return `${standardId} ${parts.join(', ')} (${diff.from} to ${diff.to})`;
}

/** Comparisons of other versions with the report's framework, each diff worked out once. */
export function versionComparison(framework: Framework): VersionComparison {
  const diffs = new Map<string, FrameworkDiff>();
  const diffWith = (other: Framework): FrameworkDiff => {
    let d = diffs.get(other.key);
    if (!d) {
      d = diffFrameworks(other, framework);
      diffs.set(other.key, d);
    }
    return d;
  };
  return {
    standard: (other, standardId) => (other.key === framework.key ? null : reasonFromDiff(diffWith(other), standardId)),
    keyQuestion: (other, standardId, keyQuestionId) =>
      other.key === framework.key
        ? null
        : reasonFromDiff(diffWith(other), standardId, (r) => r !== 'renamed' && r !== 'statement reworded' && (!r.startsWith('key question ') || r.startsWith(`key question ${keyQuestionId} `))),
    overall: (other) =>
      other.key === framework.key || diffWith(other).overallComparable
        ? null
        : `overall ratings are worked out differently (points, overall bands, judgements, limiting rules or the standards counted) in ${other.key} and ${framework.key}`,
    judgement: (other, judgementId) =>
      other.key === framework.key || other.definition.rules.judgements.some((j) => j.id === judgementId) ? null : `${judgementId} is not judged in ${other.key}`,
  };
}
