// Domain one (/inspections/:id/domain-one/:standardId): a standard's key questions and prompts from
// the framework, the evidence recorded against them grouped by key question with its counts, and
// the lead's rating and rationale beside it; forms to add, change and withdraw evidence, and the
// lead's choice of which inspectors on the team may record it. The inspected service never opens
// any of it (the 'judgements' area).
import type { Framework } from '../../domain/framework/framework.ts';
import { Hono, type Context } from 'hono';
import type { Db, Inspection } from '../../db/repositories/index.ts';
import type { DomainOneEvidence } from '../../db/repositories/domain-one-evidence-repository.ts';
import { canLeadInspection, mayOpen, type Actor, type InspectionScope } from '../../domain/access/permissions.ts';
import { countsInWords, EVIDENCE_KINDS, FINDING_NAMES, FINDINGS, KIND_NAMES, MAX_SOURCE_LENGTH, MAX_TEXT_LENGTH, type EvidenceInput, type FindingCounts } from '../../domain/domain-one/evidence.ts';
import { domainOneStandards, evidenceTargets } from '../../domain/domain-one/questions.ts';
import { casesCompleteText } from '../../domain/sign-off/provisional.ts';
import { fullDate } from '../../domain/timeline/dates.ts';
import {
  changeEvidence,
  domainOneCounts,
  evidenceToChange,
  evidenceWriterChoices,
  MAX_REASON_LENGTH,
  recordEvidence,
  setEvidenceWriters,
  StaleEvidenceError,
  standardWorkspace,
  withdrawEvidence,
  type EvidenceActor,
  type EvidenceLinks,
  type EvidenceView,
  type LinkableStatement,
  type StandardWorkspace,
} from '../../services/domain-one-evidence.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import { frameworkOf } from '../../services/inspections.ts';
import { recordJudgement } from '../../services/lead-inspector.ts';
import { judgementSurveyEvidence } from '../../services/survey/survey.ts';
import { domainOneSfoView } from '../../presenters/domain-one-sfo.ts';
import { sfoLearningForInspection } from '../../services/sfo/inspection-links.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import { dateInputItems, readDateInput, type DateParts } from '../../presenters/date-input.ts';
import { fieldErrors, type FormError } from '../form-errors.ts';
import { idParam } from '../params.ts';
import { escapeHtml, page, ratingTag } from '../render.ts';

type C = Context<AppEnv>;
type Values = Record<string, string>;

/**
 * What the framework file says of rating this standard: rated separately and outside the score, and
 * rated only where the inspection found relevant cases (youth resettlement, 4.1); null otherwise.
 */
function ratingNote(framework: Framework, standardId: string): string | null {
  const separately = framework.treatment(standardId) === 'rated-separately';
  const withoutCases = framework.notRatedWithoutCases(standardId);
  if (!separately && !withoutCases) return null;
  return [
    separately ? `${standardId} is rated separately: it is not counted in the overall score.` : '',
    withoutCases
      ? `Rate it only where the inspection found ${withoutCases.relevantCases ?? 'relevant cases'}. Left unrated, the report shows it as not rated${separately ? ', and sign-off does not wait for it' : ''}.`
      : '',
  ].filter(Boolean).join(' ');
}

const base = (inspectionId: number, standardId: string) => `/inspections/${inspectionId}/domain-one/${standardId}`;
const anchor = (id: string) => id.replace(/\./g, '-');

async function guard(c: C, db: Db): Promise<{ inspection: Inspection; who: EvidenceActor }> {
  const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('judgements'));
  return { inspection, who: { actor, scope, by: actingUser(c) } };
}

const standardParam = (c: C) => c.req.param('standardId') ?? '';
const evidenceParam = (c: C) => idParam(c, 'evidenceId', (t) => `"${t}" is not an evidence id`);

async function formValues(c: C): Promise<Values> {
  const values: Values = {};
  for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
}

const BANNERS: Record<string, string> = {
  added: 'Evidence added',
  changed: 'Evidence changed',
  withdrawn: 'Evidence withdrawn: it is no longer shown or counted, and stays in the audit trail',
  rated: 'Rating and rationale saved',
};

/** The key question, then "72% of cases sufficient (18 of 25)", with the cases still to complete while the figure may move. */
function keyQuestionFigure(kq: EvidenceView['keyQuestion'], id: string | null, links: EvidenceLinks): string {
  if (!kq) return `<p class="govuk-body">The key question ${escapeHtml(id ?? '')} has no case findings now</p>`;
  const figure = kq.percentage === null ? 'No cases judged yet' : `${kq.percentage}% of cases sufficient (${kq.sufficient} of ${kq.applicable})`;
  const s = links.standing;
  const standing = !s.provisional ? '' : s.casesComplete < s.casesTotal ? `; provisional: ${casesCompleteText(s)}` : '; provisional until sign-off';
  return `<p class="govuk-body">${escapeHtml(`${kq.id} ${kq.text}`)}</p><p class="govuk-body">${figure}${standing}</p>`;
}

/** The statement's result in words: "72.5% agree or strongly agree (29 of 40; 95% interval 57% to 84%)". */
function agreeFigure(s: LinkableStatement): string {
  const a = s.agree;
  return a.of ? `${a.percent}% agree or strongly agree (${a.count} of ${a.of}${a.interval ? `; 95% interval ${a.interval.low}% to ${a.interval.high}%` : ''})` : 'no answers yet';
}

function statementFigure(s: EvidenceView['statement'], id: string | null): string {
  if (!s) return `<p class="govuk-body">The survey statement ${escapeHtml(id ?? '')} has no results now</p>`;
  return `<p class="govuk-body">“${escapeHtml(s.text)}”</p><p class="govuk-body">${agreeFigure(s)}</p>`;
}

/** Text typed with line breaks, as paragraphs (escaped). */
const paragraphs = (text: string) => text.split(/\n\s*\n/).map((p) => `<p class="govuk-body">${escapeHtml(p.trim()).replace(/\r?\n/g, '<br>')}</p>`).join('');

const countTags = (counts: FindingCounts) => countsInWords(counts);

/** One piece of evidence as a GOV.UK summary card. */
function evidenceCard(e: EvidenceView, ws: StandardWorkspace, inspectionId: number) {
  const rows = [
    { key: { text: 'About' }, value: { text: e.target ? `${e.target.id} ${e.target.text}` : e.itemId } },
    { key: { text: 'Kind' }, value: { text: KIND_NAMES[e.kind as keyof typeof KIND_NAMES] ?? e.kind } },
    { key: { text: 'Date' }, value: { text: fullDate(e.date) } },
    ...(e.kind === 'survey' ? [{ key: { text: 'Survey result' }, value: { html: statementFigure(e.statement, e.surveyStatementId) } }] : []),
    ...(e.kind === 'case-findings' ? [{ key: { text: 'Case findings' }, value: { html: keyQuestionFigure(e.keyQuestion, e.caseKeyQuestionId, ws.links) } }] : []),
    ...(e.text ? [{ key: { text: 'What it shows' }, value: { html: paragraphs(e.text) } }] : []),
    {
      key: { text: 'Recorded by' },
      value: { text: `${e.recordedByName}, ${fullDate(e.recordedAt.toISOString().slice(0, 10))}${e.changedAt ? ` (changed by ${e.changedByName}, ${fullDate(e.changedAt.toISOString().slice(0, 10))})` : ''}` },
    },
  ];
  const finding = FINDING_NAMES[e.finding as keyof typeof FINDING_NAMES] ?? e.finding;
  const href = `${base(inspectionId, ws.standard.id)}/evidence/${e.id}`;
  return {
    id: `evidence-${e.id}`,
    finding,
    findingClass: e.finding === 'strength' ? 'govuk-tag--green' : e.finding === 'area-for-improvement' ? 'govuk-tag--orange' : 'govuk-tag--grey',
    card: {
      title: { text: `${finding}: ${e.source}`, headingLevel: 4 },
      actions: e.mayChange
        ? {
            items: [
              { href, text: 'Change', visuallyHiddenText: `evidence “${e.source}”` },
              { href: `${href}/withdraw`, text: 'Withdraw', visuallyHiddenText: `evidence “${e.source}”` },
            ],
          }
        : undefined,
    },
    rows,
  };
}

/** The judgements page's part for domain one: each standard's counts and link, and (for the lead) who may record evidence. */
export async function domainOneOverview(c: C, db: Db, inspection: Inspection, actor: Actor, scope: InspectionScope) {
  const framework = await frameworkOf(db, inspection);
  const [counts, writers] = await Promise.all([domainOneCounts(db, inspection.id), canLeadInspection(actor, scope) ? evidenceWriterChoices(db, inspection.id) : Promise.resolve([])]);
  const saved = c.req.query('writers') === 'saved';
  return {
    domainOne: {
      standards: Object.fromEntries(
        domainOneStandards(framework).map((s) => [s.id, { href: base(inspection.id, s.id), counts: counts[s.id], countsText: countTags(counts[s.id]!) }]),
      ),
      writers: canLeadInspection(actor, scope) && inspection.status !== 'signed-off' ? writers : null,
      writersAction: `/inspections/${inspection.id}/domain-one/writers`,
      banner: saved ? 'Who may record domain-one evidence is saved' : null,
    },
  };
}

export function domainOneRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  /** The standard's page; `rating`: the rating form's values and errors after a refused save. */
  async function standardPage(c: C, inspection: Inspection, who: EvidenceActor, rating?: { values: Values; errors: FormError[] }) {
    const ws = await standardWorkspace(db, who, standardParam(c));
    const s = ws.standard;
    const prompts = new Map(s.keyQuestions.map((kq) => [kq.id, kq.prompts]));
    const surveyEvidence = await judgementSurveyEvidence(db, inspection.id);
    const title = `${s.id} ${s.name}: ${inspection.title}`;
    const done = BANNERS[c.req.query('done') ?? ''];
    return page(
      c,
      'domain-one-standard.njk',
      {
        title: rating ? `Error: ${title}` : title,
        inspection,
        section: 'judgements',
        standard: s,
        banner: done ?? null,
        errors: rating?.errors ?? [],
        counts: ws.grouped.counts,
        countsText: countTags(ws.grouped.counts),
        groups: ws.grouped.groups.map((g) => ({
          id: g.keyQuestionId,
          key: anchor(g.keyQuestionId),
          text: g.text,
          countsText: countTags(g.counts),
          counts: g.counts,
          prompts: prompts.get(g.keyQuestionId) ?? [],
          evidence: g.evidence.map((e) => evidenceCard(e, ws, inspection.id)),
          addHref: `${base(inspection.id, s.id)}/evidence/new?item=${g.keyQuestionId}`,
        })),
        unmatched: ws.grouped.unmatched.map((e) => evidenceCard(e, ws, inspection.id)),
        mayRecord: ws.mayRecord,
        mayRate: ws.mayRate,
        locked: ws.locked,
        addHref: `${base(inspection.id, s.id)}/evidence/new`,
        judgement: ws.judgement && {
          ratingHtml: ratingTag(ws.judgement.rating),
          rationale: ws.judgement.rationale,
          recorded: `${ws.judgement.recordedByName}, ${fullDate(ws.judgement.recordedAt.toISOString().slice(0, 10))}`,
        },
        ratingHtml: ratingTag(ws.judgement?.rating ?? null, 'Not yet rated'),
        ratingNote: ratingNote(ws.framework, s.id),
        ratingAction: `${base(inspection.id, s.id)}/rating`,
        radios: {
          idPrefix: 'rating',
          name: 'rating',
          classes: 'govuk-radios--small',
          fieldset: { legend: { text: `Rating for ${s.id} ${s.name}`, classes: 'govuk-fieldset__legend--s' } },
          items: ws.framework.ratingScale.map((r) => ({ value: r, text: r, checked: (rating?.values.rating ?? ws.judgement?.rating) === r })),
          errorMessage: rating ? fieldErrors(rating.errors).rating : undefined,
        },
        textarea: {
          id: 'rationale',
          name: 'rationale',
          label: { text: 'Rationale', classes: 'govuk-label--s' },
          hint: { text: 'Written against the evidence: the strengths and areas for improvement that decide the rating.' },
          value: rating?.values.rationale ?? ws.judgement?.rationale ?? '',
          rows: 10,
          errorMessage: rating ? fieldErrors(rating.errors).rationale : undefined,
        },
        // The survey's evidence for the standard (statements and interview notes), as on the judgements page before.
        surveyEvidence,
        // The region's SFO QA results, for the lead, beside a standard about learning from SFOs.
        sfo: canLeadInspection(who.actor, who.scope) ? domainOneSfoView(await sfoLearningForInspection(db, ws.framework, s.id, inspection.organisationId)) : null,
        item: { id: s.id },
      },
      rating ? 400 : 200,
    );
  }

  routes.get('/inspections/:id/domain-one/:standardId', async (c) => {
    const { inspection, who } = await guard(c, db);
    return standardPage(c, inspection, who);
  });

  routes.post('/inspections/:id/domain-one/:standardId/rating', async (c) => {
    const { inspection, who } = await guard(c, db);
    if (!canLeadInspection(who.actor, who.scope)) throw new AppError('forbidden', 'Only the inspection’s lead inspector rates domain one');
    const standardId = standardParam(c);
    await standardWorkspace(db, who, standardId); // not found unless a domain-one standard
    const values = await formValues(c);
    try {
      await recordJudgement(db, { inspectionId: inspection.id, itemId: standardId, rating: values.rating ?? '', rationale: values.rationale ?? '' }, who.by);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'invalid') throw e;
      const field = e.message.startsWith('Select a rating') ? 'rating' : 'rationale';
      const href = field === 'rating' ? '#rating' : '#rationale';
      return standardPage(c, inspection, who, { values, errors: [{ href, text: field === 'rating' ? 'Select a rating' : e.message }] });
    }
    return c.redirect(`${base(inspection.id, standardId)}?done=rated#rating-section`, 303);
  });

  /** The add or change form. `evidence`: the evidence being changed; `failure`: errors after a refused save. */
  async function evidenceForm(c: C, inspection: Inspection, who: EvidenceActor, values: Values, evidence?: DomainOneEvidence, failure?: { errors: FormError[]; dateParts: DateParts[]; stale?: DomainOneEvidence }) {
    const ws = await standardWorkspace(db, who, standardParam(c));
    const s = ws.standard;
    const v = (name: keyof EvidenceInput, stored?: string | null) => values[name] ?? stored ?? '';
    const itemId = v('itemId', evidence?.itemId ?? c.req.query('item'));
    const kind = v('kind', evidence?.kind);
    const errors = failure?.errors ?? [];
    const fields = fieldErrors(errors.map((e) => (e.href.startsWith('#date') ? { ...e, href: '#date' } : e)));
    const heading = evidence ? `Change evidence for ${s.id} ${s.name}` : `Add evidence for ${s.id} ${s.name}`;
    const keyQuestion = (id: string) => s.keyQuestions.find((kq) => kq.id === id);
    return page(
      c,
      'domain-one-evidence.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}${heading}: ${inspection.title}`,
        inspection,
        section: 'judgements',
        standard: s,
        heading,
        backHref: base(inspection.id, s.id),
        action: evidence ? `${base(inspection.id, s.id)}/evidence/${evidence.id}` : `${base(inspection.id, s.id)}/evidence`,
        version: failure?.stale ? failure.stale.version : (values.version ?? String(evidence?.version ?? '')),
        stale: failure?.stale && { source: failure.stale.source, text: failure.stale.text, finding: FINDING_NAMES[failure.stale.finding as keyof typeof FINDING_NAMES] ?? failure.stale.finding },
        errors,
        fields,
        targetItems: [
          { value: '', text: 'Select a key question or prompt' },
          ...evidenceTargets(s).map((t) => ({ value: t.id, text: `${t.kind === 'prompt' ? '– ' : ''}${t.id} ${t.text}`, selected: t.id === itemId })),
        ],
        chosenTarget: itemId && evidenceTargets(s).find((t) => t.id === itemId),
        chosenKeyQuestion: itemId ? keyQuestion(itemId.replace(/[a-z]$/, '')) : undefined,
        kinds: EVIDENCE_KINDS.map((k) => ({ value: k, text: KIND_NAMES[k], checked: k === kind })),
        statementItems: [
          { value: '', text: ws.links.statements.length ? 'Select a statement' : 'No survey results yet' },
          ...ws.links.statements.map((st) => ({ value: st.id, text: `“${st.text}”: ${agreeFigure(st)}`, selected: st.id === v('surveyStatementId', evidence?.surveyStatementId) })),
        ],
        hasStatements: ws.links.statements.length > 0,
        keyQuestionItems: [
          { value: '', text: 'Select a domain-two key question' },
          ...ws.links.keyQuestions.map((kq) => ({ value: kq.id, text: `${kq.id} ${kq.text}: ${kq.percentage === null ? 'no cases judged yet' : `${kq.percentage}% (${kq.sufficient} of ${kq.applicable})`}`, selected: kq.id === v('caseKeyQuestionId', evidence?.caseKeyQuestionId) })),
        ],
        provisionalText: ws.links.standing.provisional ? `The case findings are provisional (${casesCompleteText(ws.links.standing)}): the page always shows the inspection’s current figure.` : null,
        source: v('source', evidence?.source),
        text: v('text', evidence?.text),
        dateItems: dateInputItems(values, 'date', values['date-day'] === undefined ? evidence?.date : undefined, failure?.dateParts ?? []),
        findings: FINDINGS.map((f) => ({ value: f, text: FINDING_NAMES[f], checked: f === v('finding', evidence?.finding) })),
        maxSource: MAX_SOURCE_LENGTH,
        maxText: MAX_TEXT_LENGTH,
      },
      errors.length ? (failure?.stale ? 409 : 400) : 200,
    );
  }

  /** Reads the form into the service's input, and turns a refusal into the form's errors in page order. */
  async function saveEvidence(c: C, inspection: Inspection, who: EvidenceActor, save: (input: EvidenceInput, values: Values) => Promise<unknown>, evidence?: DomainOneEvidence): Promise<Response | null> {
    const values = await formValues(c);
    const date = readDateInput(values, 'date', 'the date of the evidence');
    const input: EvidenceInput = {
      itemId: values.itemId ?? '',
      kind: values.kind ?? '',
      source: values.source ?? '',
      date: date.ok ? date.date : '',
      text: values.text ?? '',
      finding: values.finding ?? '',
      surveyStatementId: values.surveyStatementId ?? '',
      caseKeyQuestionId: values.caseKeyQuestionId ?? '',
    };
    try {
      await save(input, values);
      return null;
    } catch (e) {
      if (e instanceof StaleEvidenceError) return evidenceForm(c, inspection, who, values, evidence, { errors: [{ href: '#itemId', text: e.message }], dateParts: [], stale: e.latest });
      if (!(e instanceof FieldError)) throw e;
      const errors = e.fields.map((f) => (f.field === 'date' && !date.ok ? { href: date.href, text: date.message } : { href: f.field === 'date' ? '#date-day' : `#${f.field}`, text: f.message }));
      const dateParts: DateParts[] = date.ok ? (e.fields.some((f) => f.field === 'date') ? ['day', 'month', 'year'] : []) : date.parts;
      return evidenceForm(c, inspection, who, values, evidence, { errors, dateParts });
    }
  }

  routes.get('/inspections/:id/domain-one/:standardId/evidence/new', async (c) => {
    const { inspection, who } = await guard(c, db);
    const ws = await standardWorkspace(db, who, standardParam(c));
    if (!ws.mayRecord) throw new AppError(ws.locked ? 'conflict' : 'forbidden', ws.locked ? 'The inspection is signed off, so its domain-one evidence is locked' : 'Only the lead inspector, and the inspectors on the team the lead allows, record domain-one evidence');
    return evidenceForm(c, inspection, who, {});
  });

  routes.post('/inspections/:id/domain-one/:standardId/evidence', async (c) => {
    const { inspection, who } = await guard(c, db);
    const standardId = standardParam(c);
    let added: DomainOneEvidence | undefined;
    const refused = await saveEvidence(c, inspection, who, async (input) => {
      added = await recordEvidence(db, who, standardId, input);
    });
    return refused ?? c.redirect(`${base(inspection.id, standardId)}?done=added#evidence-${added!.id}`, 303);
  });

  routes.get('/inspections/:id/domain-one/:standardId/evidence/:evidenceId', async (c) => {
    const { inspection, who } = await guard(c, db);
    const evidence = await evidenceToChange(db, who, standardParam(c), evidenceParam(c));
    return evidenceForm(c, inspection, who, {}, evidence);
  });

  routes.post('/inspections/:id/domain-one/:standardId/evidence/:evidenceId', async (c) => {
    const { inspection, who } = await guard(c, db);
    const standardId = standardParam(c);
    const evidence = await evidenceToChange(db, who, standardId, evidenceParam(c));
    const refused = await saveEvidence(
      c,
      inspection,
      who,
      (input, values) => changeEvidence(db, who, standardId, evidence.id, /^\d{1,9}$/.test(values.version ?? '') ? Number(values.version) : evidence.version, input),
      evidence,
    );
    return refused ?? c.redirect(`${base(inspection.id, standardId)}?done=changed#evidence-${evidence.id}`, 303);
  });

  async function withdrawPage(c: C, inspection: Inspection, evidence: DomainOneEvidence, reason = '', error?: string) {
    const standardId = standardParam(c);
    const title = `Withdraw evidence: ${evidence.source}`;
    return page(
      c,
      'domain-one-withdraw.njk',
      {
        title: `${error ? 'Error: ' : ''}${title}: ${inspection.title}`,
        inspection,
        section: 'judgements',
        standardId,
        evidence: { source: evidence.source, date: fullDate(evidence.date), text: evidence.text, finding: FINDING_NAMES[evidence.finding as keyof typeof FINDING_NAMES] ?? evidence.finding },
        backHref: `${base(inspection.id, standardId)}#evidence-${evidence.id}`,
        action: `${base(inspection.id, standardId)}/evidence/${evidence.id}/withdraw`,
        reason,
        maxReason: MAX_REASON_LENGTH,
        errors: error ? [{ href: '#reason', text: error }] : [],
        reasonError: error ? { text: error } : undefined,
      },
      error ? 400 : 200,
    );
  }

  routes.get('/inspections/:id/domain-one/:standardId/evidence/:evidenceId/withdraw', async (c) => {
    const { inspection, who } = await guard(c, db);
    return withdrawPage(c, inspection, await evidenceToChange(db, who, standardParam(c), evidenceParam(c)));
  });

  routes.post('/inspections/:id/domain-one/:standardId/evidence/:evidenceId/withdraw', async (c) => {
    const { inspection, who } = await guard(c, db);
    const standardId = standardParam(c);
    const evidence = await evidenceToChange(db, who, standardId, evidenceParam(c));
    const reason = (await formValues(c)).reason ?? '';
    try {
      await withdrawEvidence(db, who, standardId, evidence.id, reason);
    } catch (e) {
      if (e instanceof FieldError) return withdrawPage(c, inspection, evidence, reason, e.fields[0]!.message);
      throw e;
    }
    return c.redirect(`${base(inspection.id, standardId)}?done=withdrawn`, 303);
  });

  routes.post('/inspections/:id/domain-one/writers', async (c) => {
    const { inspection, who } = await guard(c, db);
    const body = await c.req.parseBody({ all: true });
    const raw = body.writers;
    const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((x): x is string => typeof x === 'string' && /^\d{1,9}$/.test(x)).map(Number);
    await setEvidenceWriters(db, who, ids);
    return c.redirect(`/inspections/${inspection.id}/judgements?writers=saved#evidence-writers`, 303);
  });

  return routes;
}
