// View models for the programme's other pages: the registry and a service's history, youth risk
// scores and selections, a year's topics, and the consultation's questions and responses.
import type { ConsultationQuestion, ConsultationResponse, OrganisationName, ProgrammeTopic } from '../db/repositories/index.ts';
import { SOURCE_NAMES, type HistoryEntry, type HistorySource } from '../domain/programme/inspection-history.ts';
import { namesOverTime } from '../domain/programme/names-over-time.ts';
import type { SelectionReasonKind, YouthSelection } from '../domain/programme/youth-selection.ts';
import type { FactorScore, YouthRiskScore } from '../domain/programme/youth-risk.ts';
import { SCORE_WORDS, type TopicResult } from '../domain/programme/thematic-topics.ts';
import { escapeHtml, ratingTag, renderMacro } from './templates.ts';
import { criteriaFor, SECTION_NAMES, TOPIC_KIND_NAMES } from '../domain/programme/programme-words.ts';
import { capitalise } from '../domain/text/capitalise.ts';
import type { Block as DocBlock } from '../domain/programme/document-blocks.ts';
import type { RegistryEntryView as RegistryEntry } from './registry-json.ts';
import { shortDate } from './programme-cycle.ts';

/** A year's topic ranked and fitted, with the stored topic (years.ts's rankTopics gives them). */
type RankedTopic = TopicResult & { topic: ProgrammeTopic };

const tag = (text: string, colour: string) => renderMacro('govuk/components/tag', 'govukTag', { text, classes: `govuk-tag--${colour}` });
const one = (n: number) => (Math.round(n * 10) / 10).toFixed(1);
const dash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '–' : String(v));
export const percentText = (share: number | null | undefined) => (share === null || share === undefined ? '–' : `${Math.round(share * 1000) / 10}%`);

export const serviceLink = (id: number, name: string) => `<a class="govuk-link" href="/programme/services/${id}">${escapeHtml(name)}</a>`;

const latestHtml = (e: RegistryEntry) =>
  e.latest && (e.latest.date || e.latest.rating) ? `${ratingTag(e.latest.rating, 'Rating not known')} <span class="govuk-body-s">${escapeHtml(e.latest.date ?? 'date not known')}</span>` : 'None on record';

/** The other names a service is known by (former names, other spellings), under its name in the registry's list. */
const knownAs = (e: RegistryEntry) => (e.otherNames.length ? `<br><span class="govuk-body-s">Also known as ${e.otherNames.map(escapeHtml).join('; ')}</span>` : '');

/** A source's address shortened for a link: its host and the last part of its path. */
const sourceLabel = (url: string) => {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  const last = u.pathname.split('/').filter(Boolean).at(-1);
  return last ? `${u.host}/…/${last}` : u.host;
};

/** A youth justice service's nation, councils covered and sources, as the reference data gives them, for its page's summary. */
export function youthServiceSummaryRows(e: Pick<RegistryEntry, 'organisation' | 'nation'>) {
  if (e.organisation.kind !== 'youth-service') return [];
  const d = e.organisation.details;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const councils = strings(d.localAuthorities);
  const sources = strings(d.sources);
  const basis = typeof d.localAuthoritiesBasis === 'string' ? d.localAuthoritiesBasis : null;
  return [
    { key: { text: 'Nation' }, value: { text: e.nation ? `${e.nation} (derived from the councils it covers)` : 'Not known' } },
    {
      key: { text: councils.length === 1 ? 'Council covered' : 'Councils covered' },
      value: {
        html:
          (councils.length ? escapeHtml(councils.join(', ')) : 'Not known') +
          (basis === 'partnership' ? ' <span class="govuk-body-s">(a partnership of councils)</span>' : '') +
          (typeof d.localAuthoritiesNote === 'string' ? `<br><span class="govuk-body-s">${escapeHtml(d.localAuthoritiesNote)}</span>` : ''),
      },
    },
    ...(sources.length
      ? [{ key: { text: 'Sources' }, value: { html: sources.map((s) => `<a class="govuk-link" href="${escapeHtml(s)}" rel="noreferrer">${escapeHtml(sourceLabel(s))}</a>`).join('<br>') } }]
      : []),
  ];
}

export function pduRegistryRows(pdus: readonly RegistryEntry[]) {
  return pdus.map((e) => [
    { html: serviceLink(e.organisation.id, e.organisation.name) + (e.organisation.details.nonGeographic ? ` ${tag('Not geographic', 'grey')}` : '') + knownAs(e) },
    { html: latestHtml(e) },
    { text: String(e.inspections.length), format: 'numeric' },
    { text: dash(e.intelligence?.caseload), format: 'numeric' },
  ]);
}

export function youthRegistryRows(services: readonly RegistryEntry[]) {
  return services.map((e) => [
    { html: serviceLink(e.organisation.id, e.organisation.name) + (e.joint ? ` ${tag('Joint', 'purple')}` : '') + knownAs(e) },
    { html: latestHtml(e) },
    { text: dash(e.intelligence?.caseload), format: 'numeric' },
    { text: dash(e.intelligence?.concerns), format: 'numeric' },
    { text: percentText(e.intelligence?.performance), format: 'numeric' },
  ]);
}

const SOURCE_LABELS = Object.fromEntries(Object.entries(SOURCE_NAMES).map(([source, name]) => [source, capitalise(name)])) as Record<HistorySource, string>;

/** A service's inspection history, newest first: date, rating, where it comes from, the report and notes; for administrators, a link to correct or withdraw each result recorded here. */
export function inspectionRows(inspections: readonly HistoryEntry[], edit?: { serviceId: number }) {
  return [...inspections].reverse().map((i) => [
    { text: i.published ?? 'Date not known' },
    { html: ratingTag(i.overallRating, 'Rating not known') },
    { text: i.source === 'recorded' && i.recordedBy ? `${SOURCE_LABELS[i.source]} (${i.recordedBy})` : SOURCE_LABELS[i.source] },
    {
      html:
        [
          i.url
            ? `<a class="govuk-link" href="${escapeHtml(i.url)}" rel="noreferrer">${i.source === 'published' ? 'Published report' : 'Report or announcement'}<span class="govuk-visually-hidden"> of ${escapeHtml(i.published ?? 'the inspection')}</span></a>`
            : '',
          i.fieldwork ? `Fieldwork from ${escapeHtml(shortDate(i.fieldwork))}` : '',
          i.note ? escapeHtml(i.note) : '',
        ]
          .filter(Boolean)
          .join('<br>') || '–',
    },
    ...(edit
      ? [
          {
            html:
              i.source === 'recorded' && i.recordedId !== undefined
                ? `<a class="govuk-link" href="/programme/services/${edit.serviceId}/inspections/${i.recordedId}">Correct or withdraw<span class="govuk-visually-hidden"> the result published ${escapeHtml(i.published ?? '')}</span></a>`
                : '',
          },
        ]
      : []),
  ]);
}

/** Names over time: each name's first and last day, whether it is in force, scheduled, or only known from the reference data. */
export function nameRows(current: string, names: readonly OrganisationName[], today: string) {
  return namesOverTime(current, names, today).map((n) => [
    { text: n.name },
    { text: n.validFrom ? shortDate(n.validFrom) : 'Not known' },
    { text: n.validTo ? shortDate(n.validTo) : n.inForce ? 'Now' : n.scheduled ? '–' : 'Not known' },
    { text: n.source === 'current' ? 'Current name' : [n.scheduled ? 'Scheduled' : '', n.source === 'recorded' ? `Recorded by ${n.recordedBy}` : 'Reference data', n.note].filter(Boolean).join(': ') },
  ]);
}

const factorCell = (f: FactorScore) => ({
  html: `${f.missing ? '0.0' : one(f.contribution)}<br><span class="govuk-body-s">${escapeHtml(f.value)}${f.missing ? ' (adds nothing)' : ''}</span>`,
});

export function scoreHead() {
  return [
    { text: 'Rank', format: 'numeric' },
    { text: 'Service' },
    { text: 'Score', format: 'numeric' },
    { text: 'Time since inspection' },
    { text: 'Last rating' },
    { text: 'Caseload' },
    { text: 'Concerns' },
    { text: 'Performance' },
  ];
}

export function scoreRows(scores: readonly YouthRiskScore[], ids: Record<string, number>) {
  return scores.map((s, i) => [
    { text: String(i + 1), format: 'numeric' },
    { html: ids[s.service] ? serviceLink(ids[s.service]!, s.service) : escapeHtml(s.service) },
    { text: one(s.score), format: 'numeric' },
    ...s.factors.map(factorCell),
  ]);
}

export function factorRows(score: YouthRiskScore) {
  return score.factors.map((f) => [{ text: f.label }, { text: f.value }, { text: one(f.weight), format: 'numeric' }, { text: f.missing ? '0.0' : one(f.contribution), format: 'numeric' }, { text: f.explanation }]);
}

const REASON_COLOURS: Record<SelectionReasonKind, string> = { 're-inspection': 'red', overdue: 'orange', due: 'yellow', targeted: 'pink', random: 'blue', joint: 'purple' };
const REASON_NAMES: Record<SelectionReasonKind, string> = { 're-inspection': 'Re-inspection', overdue: 'Overdue', due: 'Due this year', targeted: 'Targeted', random: 'Random', joint: 'Joint' };

export function selectedRows(result: YouthSelection, ids: Record<string, number>) {
  return result.selected.map((s, i) => [
    { text: String(i + 1), format: 'numeric' },
    { html: ids[s.service] ? serviceLink(ids[s.service]!, s.service) : escapeHtml(s.service) },
    { html: s.reasons.map((r) => tag(REASON_NAMES[r.kind], REASON_COLOURS[r.kind])).join(' ') },
    { html: s.reasons.map((r) => escapeHtml(r.text)).join('<br>') },
    { text: `${one(s.score)} (rank ${s.rank})`, format: 'numeric' },
  ]);
}

export function selectionCounts(result: YouthSelection) {
  const count = (k: SelectionReasonKind) => result.selected.filter((s) => s.reasons.some((r) => r.kind === k)).length;
  return { total: result.selected.length, reinspection: count('re-inspection'), overdue: count('overdue'), due: count('due'), targeted: count('targeted'), random: count('random'), joint: count('joint') };
}

export function topicRows(yearId: number, ranked: readonly RankedTopic[], canPlan: boolean) {
  return ranked.map((t) => [
    { text: String(t.rank), format: 'numeric' },
    {
      html:
        (canPlan ? `<a class="govuk-link" href="/programme/years/${yearId}/topics/${t.topic.id}">${escapeHtml(t.title)}</a>` : `<strong>${escapeHtml(t.title)}</strong>`) +
        (t.committed ? ` ${tag('Committed', 'blue')}` : '') +
        (t.topic.jointWith ? `<br><span class="govuk-body-s">Jointly with ${escapeHtml(t.topic.jointWith)}</span>` : '') +
        `<br><span class="govuk-body-s">${escapeHtml(t.explanation)}</span>`,
    },
    { text: TOPIC_KIND_NAMES[t.topic.slot] + (t.topic.size > 1 ? ` (${t.topic.size} slots)` : '') },
    { text: one(t.score), format: 'numeric' },
    { html: t.fitted ? tag(t.slot === t.needs ? 'Fitted' : `Fitted: ${t.slot} slot`, 'green') : tag('Not fitted', 'grey') },
  ]);
}

export function topicPartsRows(t: RankedTopic) {
  return t.parts.map((p) => [{ text: p.text }, { text: p.unscored ? 'Not scored (0)' : `${p.score}: ${SCORE_WORDS[p.score]}` }, { text: one(p.points), format: 'numeric' }]);
}

/** One select per criterion of the kind, for the topic form. */
/** A score as the form sent it or as it was stored. */
const scoreText = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

export function scoreSelects(kind: 'fieldwork' | 'desktop' | 'research', values: Record<string, unknown>, errors: Record<string, { text: string }>) {
  return criteriaFor(kind).map((c) => ({
    id: `score-${c.id}`,
    name: `score-${c.id}`,
    label: { text: c.text },
    items: [{ value: '', text: 'Not scored' }, ...SCORE_WORDS.map((w, i) => ({ value: String(i), text: `${i}: ${w}`, selected: scoreText(values[`score-${c.id}`]) === String(i) }))],
    ...(errors[`score-${c.id}`] ? { errorMessage: errors[`score-${c.id}`] } : {}),
  }));
}

export function responseGroups(questions: readonly (ConsultationQuestion & { number: number })[], responses: readonly ConsultationResponse[]) {
  return questions.map((q) => ({
    id: q.id,
    number: q.number,
    section: SECTION_NAMES[q.section],
    text: q.text,
    rows: responses
      .filter((r) => r.questionId === q.id)
      .map((r) => [{ text: shortDate(r.receivedOn) }, { text: r.respondentName ?? 'Not given' }, { text: r.respondentOrganisation ?? 'Not given' }, { text: r.text }]),
  }));
}


/** The consultation's blocks with each table as GOV.UK table parameters, for the page. */
export function documentBlocks(blocks: readonly DocBlock[]): (DocBlock | { type: 'govukTable'; params: unknown })[] {
  return blocks.map((b) =>
    b.type === 'table'
      ? { type: 'govukTable' as const, params: { caption: b.caption, captionClasses: 'govuk-table__caption--s', firstCellIsHeader: true, head: b.head.map((text) => ({ text })), rows: b.rows.map((r) => r.map((text) => ({ text }))) } }
      : b,
  );
}
