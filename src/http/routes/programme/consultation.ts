// A programme year's consultation: the document (HTML and PDF) and its questions, changed by planners.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { consultationPdf } from '../../../reports/consultation-pdf.ts';
import { consultationDocument, consultationResponses, numberedQuestions, removeQuestion, saveQuestion, SECTION_NAMES, SECTIONS } from '../../../services/programme/consultation.ts';
import { canPlanInspections } from '../../../services/programme/permissions.ts';
import { requireProgrammeYear } from '../../../services/programme/years.ts';
import { documentBlocks } from '../../../presenters/programme-pages.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { withFlash } from '../../flash.ts';
import { fieldErrors } from '../../form-errors.ts';
import { page } from '../../render.ts';
import { pathId, plan, view, type C } from './common.ts';
import { errorsOf, formRoute, status, titled, type Failure } from './form.ts';
import { yearId } from './years.ts';

const questionId = (c: C) => pathId(c, 'questionId', 'a question');

export function consultationRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/programme/years/:id/consultation', async (c) => {
    const actor = view(c);
    const doc = await consultationDocument(db, yearId(c));
    const { responses } = await consultationResponses(db, doc.year.id);
    return page(c, 'programme-consultation.njk', {
      title: doc.title,
      activeNav: 'programme',
      section: 'years',
      doc,
      sections: doc.sections.map((s) => ({ heading: s.heading, blocks: documentBlocks(s.blocks).map((b) => (b.type === 'question' ? { ...b, guidance: documentBlocks(b.guidance) } : b)) })),
      year: doc.year,
      canPlan: canPlanInspections(actor),
      responseCount: responses.length,
    });
  });
  routes.get('/programme/years/:id/consultation.pdf', async (c) => {
    view(c);
    const doc = await consultationDocument(db, yearId(c));
    const pdf = await consultationPdf(doc);
    c.header('Content-Disposition', `attachment; filename="consultation-${doc.year.label.replace('/', '-')}.pdf"`);
    return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf' });
  });

  const questionsPage = async (c: C, failed?: Failure) => {
    plan(c);
    const year = await requireProgrammeYear(db, yearId(c));
    const { questions, responses } = await consultationResponses(db, year.id);
    const errors = errorsOf(failed);
    const sectionItems = (selected: string) => SECTIONS.map((s) => ({ value: s, text: SECTION_NAMES[s], selected: s === selected }));
    const editing = failed?.form.startsWith('question-') ? Number(failed.form.slice(9)) : null;
    return page(
      c,
      'programme-questions.njk',
      {
        title: titled(`Consultation questions: ${year.label}`, failed),
        activeNav: 'programme',
        section: 'years',
        year,
        errors,
        questions: numberedQuestions(questions).map((q) => {
          const values = editing === q.id ? failed!.values : { section: q.section, text: q.text, guidance: q.guidance ?? '' };
          const fe = editing === q.id ? fieldErrors(errors) : {};
          return {
            ...q,
            responses: responses.filter((r) => r.questionId === q.id).length,
            sectionSelect: { id: `section-${q.id}`, name: 'section', label: { text: 'Section' }, items: sectionItems(values.section ?? q.section), errorMessage: fe.section },
            textArea: { id: editing === q.id ? 'text' : `text-${q.id}`, name: 'text', label: { text: 'Question', classes: 'govuk-label--s' }, value: values.text, rows: 3, errorMessage: fe.text },
            guidanceArea: {
              id: `guidance-${q.id}`,
              name: 'guidance',
              label: { text: 'What respondents are asked to cover (optional)' },
              hint: { text: 'A line of text, then one point a line starting with "- "' },
              value: values.guidance,
              rows: 5,
              errorMessage: fe.guidance,
            },
          };
        }),
        newValues: failed?.form === 'question-new' ? failed.values : { section: 'core', text: '', guidance: '' },
        newSectionItems: sectionItems(failed?.form === 'question-new' ? (failed.values.section ?? 'core') : 'core'),
        newErrors: failed?.form === 'question-new' ? fieldErrors(errors) : {},
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id/consultation/questions', (c) => questionsPage(c));
  routes.post(
    '/programme/years/:id/consultation/questions',
    formRoute({
      guard: plan,
      form: 'question-new',
      save: async (c, values) => {
        await saveQuestion(db, yearId(c), null, values, actingUser(c));
        return `/programme/years/${yearId(c)}/consultation/questions`;
      },
      flash: 'question-saved',
      again: questionsPage,
    }),
  );
  routes.post(
    '/programme/years/:id/consultation/questions/:questionId',
    formRoute({
      guard: plan,
      form: (c) => `question-${questionId(c)}`,
      save: async (c, values) => {
        await saveQuestion(db, yearId(c), questionId(c), values, actingUser(c));
        return `/programme/years/${yearId(c)}/consultation/questions#question-${questionId(c)}`;
      },
      flash: 'question-saved',
      again: questionsPage,
    }),
  );
  routes.post('/programme/years/:id/consultation/questions/:questionId/remove', async (c) => {
    plan(c);
    const id = yearId(c);
    await removeQuestion(db, id, questionId(c), actingUser(c));
    return c.redirect(withFlash(`/programme/years/${id}/consultation/questions`, 'question-removed'), 303);
  });

  return routes;
}
