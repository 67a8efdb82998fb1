// The public ratings tables' view models: GOV.UK table heads and rows (tags through the macros),
// one table per region and one over time per PDU.
import { escapeHtml, ratingTag } from '../http/render.ts';
import type { PduRatings, PublicResult, PublicStandard, RegionRatings } from '../services/public-ratings.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "5 August 2025", "December 2022" or "2025", as the source gives the date; null is not known. */
export function publicDate(value: string | null): string {
  if (!value) return 'Date not known';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return value;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!month) return m[1]!;
  return m[3] ? `${Number(m[3])} ${month} ${m[1]}` : `${month} ${m[1]}`;
}

const demoTag = (r: PublicResult | null) => (r?.source === 'published' && r.isDemo ? ` ${ratingTag(null, 'Demonstration data')}` : '');

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
      const name = { html: `<a class="govuk-link" href="/public/pdus/${p.id}">${escapeHtml(p.name)}</a>${demoTag(l)}` };
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
  };
}

/** The standards' names, for the key under the tables. */
export const standardKey = (standards: PublicStandard[]) => standards.map((s) => ({ key: { text: s.id }, value: { text: s.name } }));

/** One PDU's results over time, oldest first. */
export function pduTable(pdu: PduRatings, standards: PublicStandard[]) {
  const span = standards.length;
  return {
    head: [{ text: 'Published' }, { text: 'Overall' }, { text: 'Report' }, { text: 'Fieldwork began' }, ...standardHead(standards)],
    rows: pdu.history.map((r) => {
      const about = `${pdu.name}, ${publicDate(r.published)}`;
      const fieldwork = { text: r.fieldworkStart ? publicDate(r.fieldworkStart) : 'Not known' };
      if (r.source === 'published')
        return [{ text: publicDate(r.published) }, { html: ratingTag(r.overall, 'Not rated') }, { html: sourceLink(r, about) + demoTag(r) }, fieldwork, ...standardCells(r, standards)];
      return [{ text: publicDate(r.published) }, { html: ratingTag(r.overall, 'Not known') }, { html: sourceLink(r, about) }, fieldwork, { text: 'Overall rating only: report not published here', colspan: span }];
    }),
    anyDemo: pdu.history.some((r) => r.source === 'published' && r.isDemo),
    publishedHere: pdu.history.filter((r) => r.source === 'published').length,
  };
}
