// The region's SFO QA results as the domain-one standard page shows them to the lead inspector:
// the key questions and prompts they bear on, a row per business year, and the open actions.
import type { SfoLearningLink } from '../domain/sfo/inspection-links.ts';
import { ACTION_STATE_NAMES, type ActionState } from '../domain/sfo/learning-panel.ts';
import { govukDate } from './govuk-dates.ts';

interface RegionSummary {
  region: string;
  goodOrBetterLabel: string;
  years: { year: string; reviews: number; ratings: { rating: string; count: number }[]; goodOrBetterPercent: number | null }[];
  panelActions: { panelTitle: string; heldOn: string; description: string; owner: string; dueOn: string; state: string; overdue: boolean }[];
  regionActions: { reviewRef: string; action: string; owner: string; dueOn: string }[];
}

const numeric = (text: string) => ({ text, format: 'numeric' });

export function domainOneSfoView(found: { link: SfoLearningLink; summary: RegionSummary } | null) {
  if (!found) return null;
  const { link, summary } = found;
  const ratings = summary.years[0]?.ratings.map((r) => r.rating) ?? [];
  return {
    region: summary.region,
    keyQuestions: link.keyQuestions.map((k) => `${k.id} “${k.text}”`),
    prompts: link.prompts.map((p) => `${p.id}${p.scope === 'regional' ? ' of the regional standards' : ''} “${p.text}”`),
    yearHead: [{ text: 'Year' }, { text: 'Reviews', format: 'numeric' }, ...ratings.map((text) => ({ text, format: 'numeric' })), { text: summary.goodOrBetterLabel, format: 'numeric' }],
    yearRows: summary.years.map((y) => [{ text: y.year }, numeric(String(y.reviews)), ...y.ratings.map((r) => numeric(String(r.count))), numeric(y.goodOrBetterPercent === null ? '–' : `${y.goodOrBetterPercent}%`)]),
    panelRows: summary.panelActions.map((a) => [
      { text: a.description },
      { text: a.owner },
      { text: `${a.panelTitle}, ${govukDate(a.heldOn)}` },
      { text: govukDate(a.dueOn) },
      { text: `${ACTION_STATE_NAMES[a.state as ActionState] ?? a.state}${a.overdue ? ' (overdue)' : ''}` },
    ]),
    regionRows: summary.regionActions.map((a) => [{ text: a.reviewRef }, { text: a.action }, { text: a.owner }, { text: govukDate(a.dueOn) }]),
  };
}
