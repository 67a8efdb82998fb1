// Writing the report (/inspections/:id/report-writing): the sections with where each stands and who
// wrote them, the named report writers, a section's editor with its placeholders and history,
// tracked changes between any two versions, and the lead's approval. The inspectorate's team reads;
// the lead and named writers edit; the inspected service never sees drafts (it reads the draft
// report itself at the factual accuracy check).
import { Hono, type Context } from 'hono';
import type { Db, Inspection } from '../../db/repositories/index.ts';
import { canLeadInspection, mayOpen } from '../../domain/access/permissions.ts';
import { STATUS_NAMES } from '../../domain/publication/workflow.ts';
import { mayWrite, stageRefusal } from '../../domain/report-writing/editing.ts';
import { diffHtml, wordDiff } from '../../domain/report-writing/word-diff.ts';
import { govukDateTime } from '../../presenters/govuk-dates.ts';
import { AppError, FieldError } from '../../services/errors.ts';
import {
  approveVersion,
  compareVersions,
  nameWriter,
  removeWriter,
  saveSection,
  sectionOverview,
  StaleSectionError,
  writerOf,
  writingOverview,
  type VersionView,
  type WritingActor,
} from '../../services/report-writing.ts';
import { recommendationsOf } from '../../services/publication.ts';
import { inspectionFor, actingUser } from '../access.ts';
import type { AppEnv } from '../auth.ts';
import type { FormError } from '../form-errors.ts';
import { idParam } from '../params.ts';
import { page } from '../render.ts';
import { recommendationHeading } from '../../reports/pdu-report.ts';
import { storedFramework } from '../../services/frameworks.ts';

type C = Context<AppEnv>;

const when = (d: Date) => govukDateTime(d);
const base = (inspection: Inspection) => `/inspections/${inspection.id}/report-writing`;

async function guard(c: C, db: Db): Promise<{ inspection: Inspection; who: WritingActor }> {
  const { inspection, actor, scope } = await inspectionFor(c, db, mayOpen('report-writing'));
  return { inspection, who: { actor, scope, by: actingUser(c) } };
}

const sectionParam = (c: C) => c.req.param('section') ?? '';

/** A whole number from a form or query, or the fallback. */
const wholeNumber = (v: unknown, fallback: number) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : fallback);

const versionState = (v: Pick<VersionView, 'approvedBy'> | undefined) => (!v ? { text: 'Not started', classes: 'govuk-tag--grey' } : v.approvedBy ? { text: 'Approved', classes: 'govuk-tag--green' } : { text: 'Awaiting approval', classes: 'govuk-tag--yellow' });

export function reportWritingRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  async function overviewPage(c: C, inspection: Inspection, who: WritingActor, errors: FormError[] = []) {
    const [overview, recommendations, writer] = await Promise.all([writingOverview(db, inspection.id), recommendationsOf(db, inspection.id), writerOf(db, who)]);
    const { regime } = await storedFramework(db, inspection.frameworkId, inspection.frameworkVersion);
    const lead = canLeadInspection(who.actor, who.scope);
    const done = c.req.query('done');
    return page(
      c,
      'report-writing.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Writing the report: ${inspection.title}`,
        activeNav: 'inspections',
        section: 'report-writing',
        inspection,
        errors,
        userIdError: errors.length ? { text: errors[0]!.text } : undefined,
        lead,
        writer: mayWrite(writer),
        statusName: STATUS_NAMES[overview.status],
        stageNote: mayWrite(writer) ? stageRefusal(overview.status, writer, true) : null,
        banner: done === 'writer-named' ? 'The report writer is named.' : done === 'writer-removed' ? 'The report writer is removed.' : null,
        sections: overview.sections.map((s) => ({
          key: s.section.key,
          title: s.section.title,
          href: `${base(inspection)}/${s.section.key}`,
          tag: versionState(s.latest),
          latest: s.latest ? `Version ${s.latest.version} by ${s.latest.authorName}, ${when(s.latest.createdAt)}` : 'Not written yet',
          writtenBy: s.writtenBy.join(', '),
        })),
        writers: overview.writers.map((w) => ({ ...w, namedOn: when(w.namedAt) })),
        candidateItems: [{ value: '', text: 'Select an inspector' }, ...overview.candidates.map((m) => ({ value: String(m.userId), text: m.displayName }))],
        recommendations: (['pdu', 'region', 'national'] as const).map((level) => {
          // Each level's heading in the framework's words, marked where the wording is still to be confirmed.
          const heading = recommendationHeading(regime, level);
          return {
            heading: heading.text,
            toBeConfirmed: heading.provenance?.wording === 'to-be-confirmed' ? heading.provenance.source : null,
            items: recommendations.filter((r) => r.addressedTo === level).map((r) => r.text),
          };
        }),
      },
      errors.length ? 400 : 200,
    );
  }

  routes.get('/inspections/:id/report-writing', async (c) => {
    const { inspection, who } = await guard(c, db);
    return overviewPage(c, inspection, who);
  });

  async function sectionPage(c: C, inspection: Inspection, who: WritingActor, failure?: { errors: FormError[]; values: Record<string, string>; stale?: StaleSectionError }) {
    const key = sectionParam(c);
    const o = await sectionOverview(db, inspection.id, key);
    const writer = await writerOf(db, who);
    const lead = canLeadInspection(who.actor, who.scope);
    const editable = mayWrite(writer) && stageRefusal(o.status, writer, true) === null;
    const latest = o.latest;
    const text = (name: string) => failure?.values[name] ?? latest?.parts[name] ?? '';
    const errorOf = (name: string) => failure?.errors.find((e) => e.href === `#${name}`);
    const stale = failure?.stale;
    const title = o.section.title;
    const history = [...o.versions].reverse();
    return page(
      c,
      'report-writing-section.njk',
      {
        title: `${failure ? 'Error: ' : ''}${title}: writing the report`,
        activeNav: 'inspections',
        section: 'report-writing',
        inspection,
        heading: title,
        key,
        base: base(inspection),
        errors: failure?.errors ?? [],
        banner: c.req.query('saved') ? `Version ${c.req.query('saved')} is saved${lead ? '' : ': it waits for the lead inspector’s approval'}.` : c.req.query('approved') ? `Version ${c.req.query('approved')} is approved: the report now shows it.` : null,
        editable,
        lead,
        stageNote: mayWrite(writer) ? stageRefusal(o.status, writer, true) : 'Only the lead inspector and the report writers the lead names write the report.',
        factualAccuracy: o.status === 'factual-accuracy',
        baseVersion: stale ? stale.latest.version : (latest?.version ?? 0),
        fields: o.section.parts.map((p) => ({ name: p.name, label: p.label, hint: p.hint, value: text(p.name), error: errorOf(p.name) ? { text: errorOf(p.name)!.text } : undefined, rows: p.name === 'narrative' || p.name === 'text' ? 12 : 6 })),
        commentItems: [{ value: '', text: 'Select a comment' }, ...o.acceptedComments.map((cm) => ({ value: String(cm.id), text: `On ${cm.section}: ${cm.comment.slice(0, 80)}`, selected: failure?.values.commentId === String(cm.id) }))],
        commentError: errorOf('commentId') ? { text: errorOf('commentId')!.text } : undefined,
        note: failure?.values.note ?? '',
        // A standard's few placeholders are shown open; the whole inspection's long list is one click away.
        placeholdersOpen: o.section.standardId !== undefined,
        placeholderRows: o.placeholders.map((p) => [{ html: `<code>${p.token.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</code>` }, { text: p.label }, { text: p.value }]),
        current: latest ? `Version ${latest.version} by ${latest.authorName}, ${when(latest.createdAt)}${latest.approvedBy ? '' : ' (awaiting approval)'}` : 'Not written yet',
        approvedVersion: o.approved?.version ?? null,
        readOnly: latest ? o.section.parts.map((p) => ({ label: p.label, text: latest.parts[p.name] ?? '' })) : [],
        stale: stale
          ? {
              version: stale.latest.version,
              author: (o.versions.find((v) => v.version === stale.latest.version) ?? latest)?.authorName ?? stale.latest.author,
              at: when(stale.latest.createdAt),
              parts: o.section.parts.map((p) => ({ label: p.label, theirs: stale.latest.parts[p.name] ?? '', diffHtml: diffHtml(wordDiff(stale.latest.parts[p.name] ?? '', failure?.values[p.name] ?? '')) })),
            }
          : null,
        history: history.map((v) => ({
          version: v.version,
          author: v.authorName,
          at: when(v.createdAt),
          change: `${v.change.added} words added, ${v.change.removed} removed`,
          state: v.approvedBy ? `Approved by ${v.approvedByName}` : 'Awaiting approval',
          note: v.note,
          compareHref: `${base(inspection)}/${key}/compare?from=${v.version - 1}&to=${v.version}`,
          approvable: lead && !v.approvedBy && o.status !== 'embargoed' && o.status !== 'published',
        })),
      },
      failure ? (stale ? 409 : 400) : 200,
    );
  }

  routes.get('/inspections/:id/report-writing/:section', async (c) => {
    const { inspection, who } = await guard(c, db);
    return sectionPage(c, inspection, who);
  });

  routes.post('/inspections/:id/report-writing/:section', async (c) => {
    const { inspection, who } = await guard(c, db);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(await c.req.parseBody())) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
    try {
      const saved = await saveSection(
        db,
        {
          inspectionId: inspection.id,
          section: sectionParam(c),
          parts: values,
          baseVersion: wholeNumber(values.baseVersion, -1),
          ...(values.commentId ? { commentId: wholeNumber(values.commentId, -1) } : {}),
          note: values.note ?? '',
        },
        who,
      );
      return c.redirect(`${base(inspection)}/${sectionParam(c)}?saved=${saved.version}`, 303);
    } catch (e) {
      if (e instanceof StaleSectionError) return sectionPage(c, inspection, who, { errors: [{ href: '#stale', text: e.message }], values, stale: e });
      if (e instanceof FieldError) return sectionPage(c, inspection, who, { errors: e.fields.map((f) => ({ href: `#${f.field}`, text: f.message })), values });
      throw e;
    }
  });

  routes.post('/inspections/:id/report-writing/:section/versions/:version/approve', async (c) => {
    const { inspection, who } = await guard(c, db);
    if (!canLeadInspection(who.actor, who.scope)) throw new AppError('forbidden', 'Only the lead inspector approves the report’s text');
    const version = idParam(c, 'version', (t) => `"${t}" is not a version number`);
    await approveVersion(db, { inspectionId: inspection.id, section: sectionParam(c), version }, who);
    return c.redirect(`${base(inspection)}/${sectionParam(c)}?approved=${version}`, 303);
  });

  routes.get('/inspections/:id/report-writing/:section/compare', async (c) => {
    const { inspection } = await guard(c, db);
    const key = sectionParam(c);
    const versions = (await sectionOverview(db, inspection.id, key)).versions;
    const newest = versions.at(-1)?.version ?? 0;
    const to = wholeNumber(c.req.query('to'), newest);
    const from = wholeNumber(c.req.query('from'), Math.max(to - 1, 0));
    let compared;
    let errors: FormError[] = [];
    try {
      compared = await compareVersions(db, { inspectionId: inspection.id, section: key, from, to });
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      errors = e.fields.map((f) => ({ href: `#${f.field}`, text: f.message }));
      compared = await compareVersions(db, { inspectionId: inspection.id, section: key, from: Math.max(newest - 1, 0), to: newest });
    }
    const describe = (v: VersionView | undefined) => (v ? `version ${v.version} by ${v.authorName}, ${when(v.createdAt)}` : 'the section before it was written');
    const items = (selected: number) => [{ value: '0', text: 'Before the first version', selected: selected === 0 }, ...versions.map((v) => ({ value: String(v.version), text: `Version ${v.version} (${v.authorName})`, selected: v.version === selected }))];
    return page(
      c,
      'report-writing-compare.njk',
      {
        title: `${errors.length ? 'Error: ' : ''}Changes to ${compared.section.title}`,
        activeNav: 'inspections',
        section: 'report-writing',
        inspection,
        heading: compared.section.title,
        key,
        base: base(inspection),
        errors,
        fromText: describe(compared.from),
        toText: describe(compared.to),
        fromItems: items(compared.from?.version ?? 0),
        toItems: items(compared.to?.version ?? 0),
        written: versions.length > 0,
        changes: compared.changes.map((p) => ({ label: p.label, changed: p.changed, html: diffHtml(p.parts) })),
      },
      errors.length ? 400 : 200,
    );
  });

  routes.post('/inspections/:id/report-writers', async (c) => {
    const { inspection, who } = await guard(c, db);
    const body = await c.req.parseBody();
    try {
      await nameWriter(db, { inspectionId: inspection.id, userId: wholeNumber(body.userId, 0) }, who);
    } catch (e) {
      if (e instanceof FieldError) return overviewPage(c, inspection, who, e.fields.map((f) => ({ href: `#${f.field}`, text: f.message })));
      throw e;
    }
    return c.redirect(`${base(inspection)}?done=writer-named#writers`, 303);
  });

  routes.post('/inspections/:id/report-writers/:userId/remove', async (c) => {
    const { inspection, who } = await guard(c, db);
    await removeWriter(db, { inspectionId: inspection.id, userId: idParam(c, 'userId', (t) => `"${t}" is not a person`) }, who);
    return c.redirect(`${base(inspection)}?done=writer-removed#writers`, 303);
  });

  return routes;
}
