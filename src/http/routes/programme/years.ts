// Programme years: starting one, and a year's page (its topics ranked, its resource and links).
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { listCycleSummaries } from '../../../services/programme/cycles.ts';
import { canPlanInspections } from '../../../services/programme/permissions.ts';
import { createProgrammeYear, updateYearSettings, yearTopics } from '../../../services/programme/years.ts';
import { listStoredSelections } from '../../../services/programme/youth.ts';
import { topicRows } from '../../../presenters/programme-pages.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { page } from '../../render.ts';
import { nextProgrammeYearStart, pathId, plan, view, type C } from './common.ts';
import { formRoute, formState, status, titled, type Failure } from './form.ts';

export const yearId = (c: C) => pathId(c, 'id', 'a programme year');

export function yearRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const cycleItems = async (selected: string) => [
    { value: '', text: 'None yet' },
    ...(await listCycleSummaries(db)).map((s) => ({ value: String(s.cycle.id), text: `${s.cycle.title} (cycle ${s.cycle.id})`, selected: selected === String(s.cycle.id) })),
  ];
  const selectionItems = async (selected: string) => [
    { value: '', text: 'None yet' },
    ...(await listStoredSelections(db)).map((s) => ({ value: String(s.id), text: `${s.title} (selection ${s.id})`, selected: selected === String(s.id) })),
  ];

  const newYearPage = async (c: C, failed?: Failure) => {
    const start = nextProgrammeYearStart();
    const values = failed?.values ?? { label: `${start.slice(0, 4)}/${String((Number(start.slice(0, 4)) + 1) % 100).padStart(2, '0')}`, startsOn: start, fieldworkSlots: '5', desktopSlots: '1', researchSlots: '2', cycleId: '', cycleYear: '', youthSelectionId: '', consultationCloses: '' };
    return page(
      c,
      'programme-year-new.njk',
      {
        title: titled('Start a programme year', failed),
        activeNav: 'programme',
        section: 'years',
        ...formState(values, failed),
        cycleItems: await cycleItems(values.cycleId ?? ''),
        selectionItems: await selectionItems(values.youthSelectionId ?? ''),
      },
      status(failed),
    );
  };
  routes.get('/programme/years/new', (c) => {
    plan(c);
    return newYearPage(c);
  });
  routes.post(
    '/programme/years',
    formRoute({ guard: plan, form: 'year', save: async (c, values) => `/programme/years/${await createProgrammeYear(db, values, actingUser(c))}`, again: newYearPage }),
  );

  const yearPage = async (c: C, failed?: Failure) => {
    const actor = view(c);
    const { year, ranked, plan: topicPlan } = await yearTopics(db, yearId(c));
    const values = failed?.values ?? {
      fieldworkSlots: String(year.fieldworkSlots),
      desktopSlots: String(year.desktopSlots),
      researchSlots: String(year.researchSlots),
      cycleId: year.cycleId?.toString() ?? '',
      cycleYear: year.cycleYear?.toString() ?? '',
      youthSelectionId: year.youthSelectionId?.toString() ?? '',
      consultationCloses: year.consultationCloses ?? '',
    };
    const canPlan = canPlanInspections(actor);
    return page(
      c,
      'programme-year.njk',
      {
        title: titled(`Programme year ${year.label}`, failed),
        activeNav: 'programme',
        section: 'years',
        year,
        canPlan,
        thematicRows: topicRows(year.id, ranked.filter((t) => t.kind === 'thematic'), canPlan),
        researchRows: topicRows(year.id, ranked.filter((t) => t.kind === 'research'), canPlan),
        used: topicPlan.used,
        resource: topicPlan.resource,
        ...formState(values, failed),
        cycleItems: await cycleItems(values.cycleId ?? ''),
        selectionItems: await selectionItems(values.youthSelectionId ?? ''),
      },
      status(failed),
    );
  };
  routes.get('/programme/years/:id', (c) => yearPage(c));
  routes.post(
    '/programme/years/:id/settings',
    formRoute({
      guard: plan,
      form: 'settings',
      save: async (c, values) => {
        await updateYearSettings(db, yearId(c), values, actingUser(c));
        return `/programme/years/${yearId(c)}`;
      },
      flash: 'year-saved',
      again: yearPage,
    }),
  );

  return routes;
}
