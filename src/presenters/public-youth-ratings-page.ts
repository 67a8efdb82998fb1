// The public youth ratings tables' view models: the youth inspections published here (each counted
// standard's rating under its domain, the score, overall, and the standards rated separately),
// every youth justice service's latest result, and one service's results over time. Cells are
// GOV.UK table cells ({ text } or { html }, tags through the macros); the tables with a domain row
// above the standards are drawn by public-youth-ratings-parts.njk.
import { publicDate } from '../domain/programme/dates.ts';
import { demoTag, escapeHtml, ratingTag } from './templates.ts';

// What the tables are given (services/public-youth-ratings.ts's results, which presenters do not import).
interface PublicStandard {
  id: string;
  name: string;
}
interface YouthColumns {
  label: string;
  singular: string;
  plural: string;
  domains: { id: string; name: string; standards: PublicStandard[] }[];
  separately: PublicStandard[];
}
interface YouthPublishedResult {
  source: 'published';
  inspectionId: number;
  title: string;
  published: string;
  isDemo: boolean;
  standards: Record<string, string | null>;
  separately: Record<string, string | null>;
  score: number;
  maxScore: number;
  notComparable: Record<string, string>;
  overall: string | null;
  url: string;
}
interface EarlierResult {
  source: 'reference' | 'recorded';
  published: string | null;
  overall: string | null;
  url: string | null;
}
type YouthResult = YouthPublishedResult | EarlierResult;
interface YouthServiceRatings {
  id: number;
  name: string;
  history: YouthResult[];
  latest: YouthResult | null;
}

type Cell = { text: string; colspan?: number } | { html: string; colspan?: number };

const isDemo = (r: YouthResult | null) => r?.source === 'published' && r.isDemo;

const standardHead = (s: PublicStandard) => ({ html: `${escapeHtml(s.id)}<span class="govuk-visually-hidden"> ${escapeHtml(s.name)}</span>` });

const counted = (columns: YouthColumns) => columns.domains.flatMap((d) => d.standards);

/** How many standard columns the tables have (counted and rated separately). */
const standardSpan = (columns: YouthColumns) => counted(columns).length + columns.separately.length;

const sourceLink = (r: YouthResult, about: string) =>
  r.url ? `<a class="govuk-link" href="${escapeHtml(r.url)}">${r.source === 'published' ? 'Report' : 'Source'}<span class="govuk-visually-hidden"> for ${escapeHtml(about)}</span></a>` : r.source === 'recorded' ? 'Recorded by the inspectorate' : 'No link';

/** The score, the overall rating and every standard's rating of an inspection published here. */
function ratingCells(r: YouthPublishedResult, columns: YouthColumns): Cell[] {
  // A rating under another version that the diff says cannot be compared with the column's says so, with why.
  const inVersion = (id: string, of: Record<string, string | null>): Cell => {
    if (!(id in of)) return { text: 'Not in this framework' };
    const why = r.notComparable[id];
    return { html: ratingTag(of[id] ?? null, 'Not rated') + (why ? `<span class="govuk-body-s govuk-!-display-block">Not comparable: ${escapeHtml(why)}</span>` : '') };
  };
  return [
    { html: ratingTag(r.overall, 'Not rated') },
    { text: `${r.score} out of ${r.maxScore}` },
    ...counted(columns).map((s) => inVersion(s.id, r.standards)),
    ...columns.separately.map((s) => inVersion(s.id, r.separately)),
  ];
}

/** The two header rows: the first columns and each domain over its standards, then the standards' numbers. */
function head(columns: YouthColumns, first: Cell[]) {
  return {
    groups: [
      ...columns.domains.map((d) => ({ text: d.name, colspan: d.standards.length })),
      ...(columns.separately.length ? [{ text: 'Rated separately', colspan: columns.separately.length }] : []),
    ],
    first: [...first, { text: 'Overall' }, { text: 'Score' }],
    standards: [...counted(columns), ...columns.separately].map(standardHead),
  };
}

/** Every youth inspection published here, newest first: one row each, with every standard's rating. */
export function youthPublishedTable(published: readonly YouthPublishedResult[], services: readonly YouthServiceRatings[], columns: YouthColumns) {
  const serviceOf = new Map(services.flatMap((s) => s.history.flatMap((h) => (h.source === 'published' ? [[h.inspectionId, s] as const] : []))));
  return {
    head: head(columns, [{ text: columns.label }, { text: 'Published' }]),
    rows: published.map((r) => {
      const service = serviceOf.get(r.inspectionId);
      const name = service ? `<a class="govuk-link" href="/public/youth-services/${service.id}">${escapeHtml(service.name)}</a>` : escapeHtml(r.title);
      const about = `${service?.name ?? r.title}, ${publicDate(r.published)}`;
      return [{ html: name + demoTag(r.isDemo) }, { html: `${escapeHtml(publicDate(r.published))}<br>${sourceLink(r, about)}` }, ...ratingCells(r, columns)];
    }),
    anyDemo: published.some((r) => r.isDemo),
  };
}

/** Every youth justice service's latest result: from a report published here, an earlier report, or none yet. */
export function youthLatestTable(services: readonly YouthServiceRatings[], columns: YouthColumns) {
  return {
    head: [{ text: columns.label }, { text: 'Overall' }, { text: 'Published' }, { text: 'Score' }],
    rows: services.map((s): Cell[] => {
      const l = s.latest;
      const name = { html: `<a class="govuk-link" href="/public/youth-services/${s.id}">${escapeHtml(s.name)}</a>${demoTag(isDemo(l))}` };
      if (!l) return [name, { text: 'Not yet inspected', colspan: 3 }];
      const published = { html: `${escapeHtml(publicDate(l.published))}<br>${sourceLink(l, `${s.name}, ${publicDate(l.published)}`)}` };
      if (l.source === 'published') return [name, { html: ratingTag(l.overall, 'Not rated') }, published, { text: `${l.score} out of ${l.maxScore}` }];
      return [name, { html: ratingTag(l.overall, 'Not known') }, published, { text: 'Overall rating only: report not published here' }];
    }),
    counts: {
      services: services.length,
      publishedHere: services.filter((s) => s.latest?.source === 'published').length,
      earlier: services.filter((s) => s.latest && s.latest.source !== 'published').length,
      notInspected: services.filter((s) => !s.latest).length,
    },
    anyDemo: services.some((s) => isDemo(s.latest)),
  };
}

/** One youth justice service's results over time, oldest first. */
export function youthServiceTable(service: YouthServiceRatings, columns: YouthColumns) {
  const span = standardSpan(columns) + 2;
  return {
    head: head(columns, [{ text: 'Published' }, { text: 'Report' }]),
    rows: service.history.map((r): Cell[] => {
      const about = `${service.name}, ${publicDate(r.published)}`;
      if (r.source === 'published') return [{ text: publicDate(r.published) }, { html: sourceLink(r, about) + demoTag(r.isDemo) }, ...ratingCells(r, columns)];
      return [{ text: publicDate(r.published) }, { html: sourceLink(r, about) }, { html: ratingTag(r.overall, 'Not known') }, { text: 'Overall rating only: report not published here', colspan: span - 1 }];
    }),
    anyDemo: service.history.some(isDemo),
    publishedHere: service.history.filter((r) => r.source === 'published').length,
  };
}

/** The standards' numbers and names by domain (summary list rows), explaining the column heads. */
export const youthStandardNames = (columns: YouthColumns) =>
  [...columns.domains.flatMap((d) => d.standards.map((s) => ({ s, domain: d.name }))), ...columns.separately.map((s) => ({ s, domain: 'Rated separately, not counted in the score' }))].map(({ s, domain }) => ({
    key: { text: s.id },
    value: { text: `${s.name} (${domain})` },
  }));
