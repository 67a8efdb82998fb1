// The public ratings tables' view models: GOV.UK table heads and rows (tags through the macros),
// one table per region and one over time per PDU.
import { publicDate } from '../domain/programme/dates.ts';
import { demoTag, escapeHtml, ratingTag } from './templates.ts';
import type { PduRatings, PublicResult, PublicStandard, RegionRatings } from '../domain/publication/public-results.ts';

const isDemo = (r: PublicResult | null) => r?.source === 'published' && r.isDemo;

const standardHead = (standards: PublicStandard[]) =>
  standards.map((s) => ({ html: `${escapeHtml(s.id)}<span class="govuk-visually-hidden"> ${escapeHtml(s.name)}</span>` }));

const standardCells = (r: Extract<PublicResult, { source: 'published' }>, standards: PublicStandard[]) =>
  standards.map((s) => (s.id in r.standards ? { html: ratingTag(r.standards[s.id] ?? null, 'Not rated') } : { text: 'Not in this framework' }));

const sourceLink = (r: PublicResult, about: string) =>
  r.url ? `<a class="govuk-link" href="${escapeHtml(r.url)}">${r.source === 'published' ? 'Report' : 'Source'}<span class="govuk-visually-hidden"> for ${escapeHtml(about)}</span></a>` : r.source === 'recorded' ? 'Recorded by the inspectorate' : 'No link';

/** A PDU whose latest result is not from a report published here: say whether any is. */
const overallOnly = (p: PduRatings) =>
  p.history.some((r) => r.source === 'published') ? 'Latest report not published here: overall rating only' : 'Not yet inspected here: overall rating from an earlier report';

/** The table of one region: each PDU's latest result. */
export function regionTable(region: RegionRatings, standards: PublicStandard[]) {
  const span = standards.length;
  return {
    id: region.id,
    name: region.name,
    anchor: `region-${region.id}`,
    // The overall rating and date first, so that they are in view before the table scrolls.
    head: [{ text: 'PDU' }, { text: 'Overall' }, { text: 'Published' }, ...standardHead(standards)],
    rows: region.pdus.map((p) => {
      const l = p.latest;
      const name = { html: `<a class="govuk-link" href="/public/pdus/${p.id}">${escapeHtml(p.name)}</a>${demoTag(isDemo(l))}` };
      if (!l) return [name, { text: 'Not yet inspected', colspan: span + 2 }];
      const about = `${p.name}, ${publicDate(l.published)}`;
      const published = { html: `${escapeHtml(publicDate(l.published))}<br>${sourceLink(l, about)}` };
      if (l.source === 'published') return [name, { html: ratingTag(l.overall, 'Not rated') }, published, ...standardCells(l, standards)];
      return [name, { html: ratingTag(l.overall, 'Not known') }, published, { text: overallOnly(p), colspan: span }];
    }),
    counts: {
      pdus: region.pdus.length,
      publishedHere: region.pdus.filter((p) => p.latest?.source === 'published').length,
      earlier: region.pdus.filter((p) => p.latest && p.latest.source !== 'published').length,
      notInspected: region.pdus.filter((p) => !p.latest).length,
    },
    anyDemo: region.pdus.some((p) => isDemo(p.latest)),
  };
}

/** The standards' numbers and names (a summary list's rows), explaining the tables' column heads. */
export const standardNames = (standards: PublicStandard[]) => standards.map((s) => ({ key: { text: s.id }, value: { text: s.name } }));

/** One PDU's results over time, oldest first. */
export function pduTable(pdu: PduRatings, standards: PublicStandard[]) {
  const span = standards.length;
  return {
    head: [{ text: 'Published' }, { text: 'Overall' }, { text: 'Report' }, { text: 'Fieldwork began' }, ...standardHead(standards)],
    rows: pdu.history.map((r) => {
      const about = `${pdu.name}, ${publicDate(r.published)}`;
      const fieldwork = { text: r.fieldworkStart ? publicDate(r.fieldworkStart) : 'Not known' };
      if (r.source === 'published')
        return [{ text: publicDate(r.published) }, { html: ratingTag(r.overall, 'Not rated') }, { html: sourceLink(r, about) + demoTag(r.isDemo) }, fieldwork, ...standardCells(r, standards)];
      return [{ text: publicDate(r.published) }, { html: ratingTag(r.overall, 'Not known') }, { html: sourceLink(r, about) }, fieldwork, { text: 'Overall rating only: report not published here', colspan: span }];
    }),
    anyDemo: pdu.history.some(isDemo),
    publishedHere: pdu.history.filter((r) => r.source === 'published').length,
  };
}
