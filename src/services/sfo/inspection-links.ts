// A region's SFO QA results for the lead inspector of one of its PDUs' inspections: the reviews
// quality-assured (signed off) each business year with their overall ratings, the learning panels'
// actions still open for the region, and the actions the region set itself in answer to its
// feedback letters. Read only; shown beside the domain-one standards about learning from SFOs.
import { getOrganisation, type Db } from '../../db/repositories/index.ts';
import type { Framework } from '../../domain/framework/framework.ts';
import { sfoLearningLinks, type SfoLearningLink } from '../../domain/sfo/inspection-links.ts';
import { betterRatings, businessYearOf, percentOf } from '../../domain/sfo/annual-report.ts';
import { businessYearLabel } from '../../domain/sfo/annual-report-reference.ts';
import { qualityAssuredReviews } from './annual-report-input.ts';
import { currentSfoFramework } from './frameworks.ts';
import { openPanelActionsForRegion } from './learning-panels.ts';

export interface RegionSfoYear {
  year: string;
  reviews: number;
  ratings: { rating: string; count: number }[];
  goodOrBetterPercent: number | null;
}

export interface RegionSfoSummary {
  region: string;
  goodOrBetterLabel: string;
  /** Newest first. */
  years: RegionSfoYear[];
  panelActions: { panelId: number; panelTitle: string; heldOn: string; description: string; owner: string; dueOn: string; state: string; overdue: boolean }[];
  regionActions: { reviewRef: string; action: string; owner: string; dueOn: string }[];
}

export async function regionSfoSummary(db: Db, region: string, yearsShown = 3): Promise<RegionSfoSummary> {
  const framework = await currentSfoFramework(db);
  const better = betterRatings(framework.ratings);
  const reviews = (await qualityAssuredReviews(db, { from: '2021-04-01', to: '2100-03-31' })).filter((r) => r.region === region);
  const years = [...new Set(reviews.map((r) => businessYearOf(r.submittedOn)))].sort((a, b) => b - a).slice(0, yearsShown);
  const regionActions = await db
    .selectFrom('sfo_region_action')
    .innerJoin('sfo_assessment', 'sfo_assessment.id', 'sfo_region_action.assessment_id')
    .innerJoin('sfo_review', 'sfo_review.id', 'sfo_assessment.review_id')
    .innerJoin('organisation', 'organisation.id', 'sfo_review.region_id')
    .select(['sfo_review.review_ref', 'sfo_region_action.action', 'sfo_region_action.owner', 'sfo_region_action.due_on'])
    .where('organisation.name', '=', region)
    .orderBy('sfo_region_action.due_on')
    .orderBy('sfo_region_action.id')
    .execute();
  return {
    region,
    goodOrBetterLabel: [...better].reverse().join(' or '),
    years: years.map((y) => {
      const mine = reviews.filter((r) => businessYearOf(r.submittedOn) === y);
      return {
        year: businessYearLabel(y),
        reviews: mine.length,
        ratings: framework.ratings.map((rating) => ({ rating, count: mine.filter((r) => r.overall === rating).length })),
        goodOrBetterPercent: percentOf(mine.filter((r) => better.includes(r.overall)).length, mine.length),
      };
    }),
    panelActions: (await openPanelActionsForRegion(db, region)).map((a) => ({ panelId: a.panelId, panelTitle: a.panel.title, heldOn: a.panel.heldOn, description: a.description, owner: a.owner, dueOn: a.dueOn, state: a.state, overdue: a.overdue })),
    regionActions: regionActions.map((a) => ({ reviewRef: a.review_ref, action: a.action, owner: a.owner, dueOn: a.due_on })),
  };
}

/**
 * For a domain-one standard of an inspection: the standard's link to learning from SFOs (found in
 * the framework by its text) and the SFO QA summary of the region the inspected organisation is
 * in; null when the standard is not about learning from SFOs or the organisation has no region.
 */
export async function sfoLearningForInspection(db: Db, framework: Pick<Framework, 'definition' | 'judgementStandards'>, standardId: string, organisationId: number): Promise<{ link: SfoLearningLink; summary: RegionSfoSummary } | null> {
  const link = sfoLearningLinks(framework).get(standardId);
  if (!link) return null;
  const organisation = await getOrganisation(db, organisationId);
  const region = organisation?.kind === 'region' ? organisation : organisation?.parentId ? await getOrganisation(db, organisation.parentId) : undefined;
  if (!region) return null;
  return { link, summary: await regionSfoSummary(db, region.name) };
}
