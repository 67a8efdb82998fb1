// A framework version diff as plain text, for the terminal.
import type { FrameworkDiff, ItemDiff } from '../domain/framework/diff.ts';

const KIND: Record<ItemDiff['kind'], string> = { standard: 'Standard', 'key-question': 'Key question', prompt: 'Prompt' };
const value = (v: unknown) => (v === undefined || v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

export function frameworkDiffText(d: FrameworkDiff): string {
  const lines = [`${d.from} → ${d.to}`];
  if (!d.items.length && !d.rules.length) return [...lines, 'No differences.'].join('\n');
  for (const i of d.items) {
    const name = `${KIND[i.kind]} ${i.fromId ? `${i.fromId} → ${i.id}` : i.id}`;
    lines.push(`${name}: ${i.changes.join(', ')}`);
    if (i.changes.includes('renamed')) lines.push(`    name: "${i.before!.name}" → "${i.after!.name}"`);
    if (i.changes.includes('reworded')) lines.push(`    was: ${i.before!.text}`, `    now: ${i.after!.text}`);
    if (i.changes.includes('added')) lines.push(`    ${i.after!.name ? `${i.after!.name}: ` : ''}${i.after!.text}`);
    if (i.changes.includes('removed')) lines.push(`    ${i.before!.name ? `${i.before!.name}: ` : ''}${i.before!.text}`);
  }
  for (const r of d.rules) lines.push(`Rule: ${r.rule}: ${value(r.before)} → ${value(r.after)}`);
  lines.push(
    d.notComparable.length
      ? `Not comparable across the versions: ${d.notComparable.map((n) => `${n.standard} (${n.reasons.join('; ')})`).join(', ')}`
      : 'Every standard is comparable across the versions.',
    `Overall ratings ${d.overallComparable ? 'are' : 'are not'} comparable.`,
  );
  return lines.join('\n');
}
