// Tracked changes between two versions of a section: a word-level diff (longest common
// subsequence of words and the spaces between them), rendered with <del> and <ins> and a text
// label on each change for people who cannot see the strike-through or underline.
import { escapeText } from './narrative.ts';

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string };

/** Words and runs of white space, so a diff keeps the text's spacing and line breaks. */
const tokens = (text: string): string[] => text.split(/(\s+)/).filter((t) => t.length > 0);

/**
 * Past this many cells of the LCS table the middle of the two texts is shown as removed and then
 * added whole: a section rewritten from end to end reads the same either way, and memory stays small.
 */
export const MAX_DIFF_CELLS = 4_000_000;

/** The changes that turn `before` into `after`: joining the same and removed parts gives `before`, the same and added parts `after`. */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  for (const t of a.slice(0, start)) push('same', t);
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_DIFF_CELLS) {
    for (const t of midA) push('removed', t);
    for (const t of midB) push('added', t);
  } else {
    for (const part of lcsDiff(midA, midB)) push(part.kind, part.text);
  }
  for (const t of a.slice(endA)) push('same', t);
  return readable(parts);
}

/**
 * Groups each run of changes as everything removed, then everything added, taking in the spaces
 * between changed words, so a rewritten phrase reads as one deletion and one insertion rather than
 * alternating words. Each side's text is unchanged by this.
 */
function readable(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  let removed = '';
  let added = '';
  const flush = () => {
    if (removed) out.push({ kind: 'removed', text: removed });
    if (added) out.push({ kind: 'added', text: added });
    removed = added = '';
  };
  parts.forEach((p, i) => {
    const between = p.kind === 'same' && /^\s+$/.test(p.text) && (removed || added) && i + 1 < parts.length && parts[i + 1]!.kind !== 'same';
    if (p.kind === 'removed') removed += p.text;
    else if (p.kind === 'added') added += p.text;
    else if (between) {
      removed += p.text;
      added += p.text;
    } else {
      flush();
      out.push({ ...p });
    }
  });
  flush();
  return out;
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  const width = m + 1;
  // lengths[i * width + j]: the LCS of a[i..] and b[j..].
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lengths[i * width + j] = a[i] === b[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
  const out: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) out.push({ kind: 'removed', text: a[i++]! });
    else out.push({ kind: 'added', text: b[j++]! });
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++]! });
  while (j < m) out.push({ kind: 'added', text: b[j++]! });
  return out;
}

/** Joins the parts of one side: `before` (same and removed) or `after` (same and added). */
export const sideOf = (parts: DiffPart[], side: 'before' | 'after'): string =>
  parts.filter((p) => p.kind === 'same' || p.kind === (side === 'before' ? 'removed' : 'added')).map((p) => p.text).join('');

/** The diff as HTML: escaped text, changes in <del>/<ins> with a visually hidden label saying what changed. */
export function diffHtml(parts: DiffPart[]): string {
  return parts
    .map((p) => {
      const text = escapeText(p.text);
      if (p.kind === 'same') return text;
      const [tag, label] = p.kind === 'added' ? ['ins', 'added'] : ['del', 'removed'];
      return `<${tag} class="app-diff-${p.kind}"><span class="govuk-visually-hidden">[${label}: </span>${text}<span class="govuk-visually-hidden">]</span></${tag}>`;
    })
    .join('');
}

/** How much changed, in words, for a history row: "12 words added, 3 removed". */
export function changeSummary(parts: DiffPart[]): { added: number; removed: number } {
  const words = (kind: DiffPart['kind']) => parts.filter((p) => p.kind === kind).reduce((n, p) => n + p.text.split(/\s+/).filter(Boolean).length, 0);
  return { added: words('added'), removed: words('removed') };
}
