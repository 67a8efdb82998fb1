// The inspected service's own page for its inspection: its tasks as a GOV.UK task list, each
// linked only when the service may open it at the report's current stage.
import type { InspectionArea } from '../domain/publication/visibility.ts';
import type { ServiceTaskFacts } from '../domain/publication/service-tasks.ts';

type Status = { text: string } | { tag: { text: string; classes: string } };
const todo = (text: string): Status => ({ tag: { text, classes: 'govuk-tag--blue' } });
const going = (text: string): Status => ({ tag: { text, classes: 'govuk-tag--light-blue' } });
const done = (text: string): Status => ({ text });
const notYet: Status = { text: 'Cannot start yet' };

export interface ServiceTask {
  title: { text: string };
  hint?: { text: string };
  href?: string;
  status: Status;
}

export function serviceTasks(inspectionId: number, facts: ServiceTaskFacts, mayOpen: (area: InspectionArea) => boolean): ServiceTask[] {
  const base = `/inspections/${inspectionId}`;
  const link = (area: InspectionArea, path: string) => (mayOpen(area) ? { href: `${base}${path}` } : {});
  const beforeDraft = facts.reportStatus === 'draft';
  const { comments, recommendations } = facts;
  return [
    {
      title: { text: 'Upload the caseload' },
      hint: { text: 'The cases the inspectors sample from: every case that began in the sampling window.' },
      ...link('sample', '/sample'),
      status: facts.caseload === 'confirmed' ? done('Done: the sample is confirmed') : facts.caseload === 'uploaded' ? going('Uploaded') : beforeDraft ? todo('To do') : done('Not needed now'),
    },
    ...(facts.survey
      ? [
          {
            title: { text: `Upload the contact list for the survey of ${facts.people}` },
            ...link('survey', '/survey'),
            status: facts.contacts === 'uploaded' ? done('Uploaded') : beforeDraft ? todo('To do') : done('Not needed now'),
          },
        ]
      : []),
    {
      title: { text: 'Check the draft report’s factual accuracy' },
      hint: { text: beforeDraft ? 'The draft report comes to you once the inspectors have signed their findings off.' : 'Read the draft report, then send a comment on anything that is not accurate.' },
      ...link('publication', '/publication#comments'),
      status:
        facts.reportStatus === 'draft' ? notYet
        : facts.reportStatus === 'factual-accuracy' ? (comments.sent ? going(`${comments.sent} comment${comments.sent === 1 ? '' : 's'} sent`) : todo('To do'))
        : done(`Done: ${comments.sent} comment${comments.sent === 1 ? '' : 's'}, ${comments.decided} answered`),
    },
    {
      title: { text: facts.reportStatus === 'published' ? 'Read the published report' : 'Read the draft report' },
      ...link('report', '/report'),
      status: mayOpen('report') ? done(facts.reportStatus === 'embargoed' ? 'Embargoed until publication' : 'Ready') : notYet,
    },
    {
      title: { text: 'Answer the recommendations in the action plan' },
      hint: { text: 'Once the report is published: for each recommendation, the actions, who owns them and by when.' },
      ...link('action-plan', '/action-plan'),
      status: !mayOpen('action-plan') ? notYet
        : recommendations.answered === recommendations.total ? done('Done')
        : recommendations.answered ? going(`${recommendations.answered} of ${recommendations.total} answered`)
        : todo('To do'),
    },
  ];
}
