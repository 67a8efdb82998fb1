// A ratings table as plain text, for the terminal.
import type { InspectionRatings } from '../domain/rating/result.ts';

const pad = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));

export function ratingsTable(r: InspectionRatings, options: { explain?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`${pad('Standard', 34)} ${pad('Rating', 22)} ${pad('Lowest key question', 22)} Points`);
  lines.push('-'.repeat(88));
  for (const s of r.standards) {
    const rating = s.rating ?? (s.notRated ? 'Not rated' : s.treatment === 'reported-unrated' ? 'Not rated (outcomes)' : s.treatment === 'national-only' ? 'National only' : 'Not yet rated');
    const kq = s.explanation.setBy ? `${s.explanation.setBy} ${s.explanation.sufficient}/${s.explanation.applicable} (${s.explanation.percentage}%)` : s.assessedBy === 'lead-inspector-judgement' ? 'judgement' : '';
    lines.push(`${pad(`${s.id} ${s.name}`, 34)} ${pad(rating + (s.ratingBeforeLimits ? '*' : ''), 22)} ${pad(kq, 22)} ${s.points ?? (s.treatment === 'rated-separately' ? 'not counted' : '')}`);
    if (s.outcomeQuestions)
      for (const o of s.outcomeQuestions) lines.push(`    ${pad(o.id, 30)} ${o.sufficient}/${o.applicable} positive (${o.percentage ?? '-'}%)`);
    if (s.treatment === 'national-only')
      for (const k of s.keyQuestions) lines.push(`    ${pad(k.id, 30)} ${k.sufficient}/${k.applicable} sufficient (${k.percentage ?? '-'}%)`);
    if (options.explain) lines.push(`    ${s.explanation.summary}`);
  }
  lines.push('-'.repeat(88));
  for (const j of r.judgements) lines.push(`${pad(j.name, 34)} ${j.rating ?? 'Not yet judged'}`);
  lines.push(`${pad('Overall', 34)} ${pad(r.overall.rating ?? 'Not yet rated', 22)} ${pad('', 22)} ${r.overall.score}/${r.overall.maxScore}`);
  const limited = r.standards.filter((s) => s.ratingBeforeLimits);
  for (const s of limited) for (const l of s.explanation.limits) lines.push(`* ${s.id}: ${l.from} limited to ${l.to} (${l.rule}): ${l.description}`);
  lines.push(`${r.cases} cases; ${r.flags.length} judgement${r.flags.length === 1 ? '' : 's'} flagged for quality assurance.`);
  return lines.join('\n');
}
