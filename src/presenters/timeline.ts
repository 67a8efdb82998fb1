// The inspection's timeline as the overview page shows it: a table of milestones with their date,
// owner and state (late ones tagged red and listed in a warning), and the moves made, with reasons.
import { fullDate } from '../domain/timeline/dates.ts';
import { govukDateTime } from './govuk-dates.ts';
import type { MilestoneState } from '../domain/timeline/timeline.ts';
import type { InspectionTimeline, OwnedMilestone } from '../domain/timeline/timeline.ts';
import { escapeHtml, renderMacro } from './templates.ts';

const STATE_TAGS: Record<MilestoneState, { text: string; colour: string }> = {
  done: { text: 'Done', colour: 'green' },
  late: { text: 'Late', colour: 'red' },
  'not-started': { text: 'Not started', colour: 'grey' },
};

const tags = new Map<MilestoneState, string>();
const stateTag = (state: MilestoneState) => {
  let html = tags.get(state);
  if (!html) tags.set(state, (html = renderMacro('govuk/components/tag', 'govukTag', { text: STATE_TAGS[state].text, classes: `govuk-tag--${STATE_TAGS[state].colour}` })));
  return html;
};

/** The milestone's date, the default beside it when it was moved, and a note when a move put it out of order. */
const dateCell = (m: OwnedMilestone) =>
  `${escapeHtml(fullDate(m.date))}${m.moved ? `<br><span class="govuk-body-s">moved from ${escapeHtml(fullDate(m.defaultDate))}</span>` : ''}` +
  (m.before ? `<br><strong class="govuk-body-s">Before ${escapeHtml(m.before.toLowerCase())}: check the order</strong>` : '');

/** Why the state is what it is, where the tag alone would mislead. */
const whyText = (m: OwnedMilestone): string | null =>
  m.state === 'done' ? (m.doneOn ? `happened on ${fullDate(m.doneOn)}` : null)
  : m.passedBeforeCreation ? 'its date had passed when the inspection was created: change the date'
  : m.byHand ? 'not yet recorded as happened'
  : null;
const why = (m: OwnedMilestone) => {
  const text = whyText(m);
  return text ? `<br><span class="govuk-body-s">${escapeHtml(text)}</span>` : '';
};

export function timelineView(inspectionId: number, timeline: InspectionTimeline, canMove: boolean) {
  const names = new Map(timeline.milestones.map((m) => [m.key as string, m.name]));
  return {
    timelineHead: [{ text: 'Milestone' }, { text: 'Date' }, { text: 'Owner' }, { text: 'State' }, ...(canMove ? [{ html: '<span class="govuk-visually-hidden">Change</span>' }] : [])],
    timelineRows: timeline.milestones.map((m) => [
      { text: m.name },
      { html: dateCell(m) },
      { text: m.ownerText },
      { html: stateTag(m.state) + why(m) },
      ...(canMove
        ? [{ html: `<a class="govuk-link" href="/inspections/${inspectionId}/timeline/${m.key}">Change<span class="govuk-visually-hidden"> the date of ${escapeHtml(m.name.toLowerCase())}</span></a>` }]
        : []),
    ]),
    lateMilestones: timeline.late.map((m) => `${m.name} (${fullDate(m.date)}, ${m.ownerText})`),
    moveRows: [...timeline.moves].reverse().map((m) => [
      { text: names.get(m.milestone) ?? m.milestone },
      { text: `${fullDate(m.from)} → ${fullDate(m.to)}` },
      { text: m.reason },
      { text: m.movedByName },
      { text: govukDateTime(m.movedAt) },
    ]),
    bookingText: timeline.booking ? `Booked in the PDU cycle for the week of ${fullDate(timeline.booking.week)}${timeline.booking.team ? ` (${timeline.booking.team})` : ''}`
      : timeline.youthSelection
        ? `Chosen in the youth selection for ${timeline.youthSelection.year} (${timeline.youthSelection.reasons})`
        : null,
  };
}
