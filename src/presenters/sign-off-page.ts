// The sign-off checklist as a page: each check as a GOV.UK task list item with its status, and
// every blocker as a link to the page where it is fixed.
import type { FixAt, SignOffCheck } from '../domain/sign-off/checklist.ts';

/** The page where a blocker is fixed. Anchors match the ids of the cases, judgements, ratings and quality pages. */
export function fixHref(inspectionId: number, fix: FixAt): string {
  const base = `/inspections/${inspectionId}`;
  const ref = (caseRef: string) => encodeURIComponent(caseRef);
  switch (fix.page) {
    case 'cases':
      return `${base}/cases${fix.incompleteOnly ? '?incomplete=1' : ''}`;
    case 'case':
      return `${base}/cases/${ref(fix.caseRef)}`;
    case 'judgements':
      return `${base}/judgements${fix.itemId ? `#item-${fix.itemId.replace(/\./g, '-')}` : ''}`;
    case 'domain-one':
      // Each domain-one standard has its own page, with the rating form beside the evidence.
      return `${base}/domain-one/${encodeURIComponent(fix.standardId)}#rating-section`;
    case 'standard':
      return `${base}#standard-${fix.standardId}`;
    case 'second-assessments':
      return `${base}/quality${fix.caseRef ? `#second-${ref(fix.caseRef)}` : ''}`;
    case 'disagreements':
      // The settle form's radios: id "choice-" and the case and item, as the quality page names them.
      return `${base}/quality#${fix.caseRef && fix.item ? `choice-${`${fix.caseRef}-${fix.item}`.replace(/[^\w-]/g, '-')}` : 'disagreements'}`;
  }
}

export const DONE = 'Done';
export const NOT_YET = 'Cannot sign off yet';

export function signOffChecklistView(inspectionId: number, checks: readonly SignOffCheck[]) {
  return {
    ready: checks.every((c) => c.done),
    taskList: {
      idPrefix: 'check',
      items: checks.map((c) => ({
        title: { text: c.name },
        href: fixHref(inspectionId, c.fixAt),
        hint: { text: c.summary },
        status: { tag: c.done ? { text: DONE, classes: 'govuk-tag--green' } : { text: NOT_YET, classes: 'govuk-tag--red' } },
      })),
    },
    blocked: checks
      .filter((c) => !c.done)
      .map((c) => ({ id: `blockers-${c.id}`, name: c.name, summary: c.summary, blockers: c.blockers.map((b) => ({ text: b.text, href: fixHref(inspectionId, b.fixAt) })) })),
    /** For the error summary when sign-off is refused: one line per check that blocks, linking to its blockers. */
    refusal: checks.filter((c) => !c.done).map((c) => ({ text: `${c.name}: ${c.summary}. ${c.blockers.length === 1 ? c.blockers[0]!.text : `${c.blockers.length} things to do`}`, href: `#blockers-${c.id}` })),
  };
}
