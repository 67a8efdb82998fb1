// The email that gives a named recipient their embargoed copy: the wording, written here so that
// GOV.UK Notify's template holds only ((subject)) and ((body)). It carries the recipient's own link,
// never the report: the link asks for their address, works until publication and then leads to
// the published report (services/embargo-mail.ts).
import { longDate } from '../sampling/dates.ts';

export interface EmbargoEmailInput {
  recipientName: string;
  organisationName: string;
  /**
   * The report's title in its framework's words (regime.report.title with the organisation's name):
   * "An inspection of probation services in Leeds", "An inspection of youth justice services in Leeds".
   * An email queued before the title was kept says "the inspection of Leeds".
   */
  reportTitle?: string;
  /** The publication date, YYYY-MM-DD: the embargo lifts at its start. */
  publishOn: string;
  /** The recipient's link to the embargoed copy. */
  link: string;
}

/** "An inspection of youth justice services in Leeds" → "inspection of youth justice services in Leeds". */
export function inspectionInWords(input: Pick<EmbargoEmailInput, 'reportTitle' | 'organisationName'>): string {
  if (!input.reportTitle) return `inspection of ${input.organisationName}`;
  const bare = input.reportTitle.replace(/^(An?|The) /, '');
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

export function embargoEmail(input: EmbargoEmailInput): { subject: string; body: string } {
  const until = longDate(input.publishOn);
  const inspection = inspectionInWords(input);
  return {
    subject: `Embargoed until ${until}: ${inspection}`,
    body: [
      `Dear ${input.recipientName},`,
      `HM Inspectorate of Probation will publish its report on the ${inspection} on ${until}. You are named to receive a copy before then.`,
      `The report is embargoed until it is published. Do not share it, or anything it says, with anyone who has not been sent their own copy.`,
      `Open your copy here:\n${input.link}`,
      `The link is for you alone: it asks for this email address before it opens the report, and each time it is opened is recorded. It stops working when the report is published, and then leads to the published report.`,
      `If you were not expecting this email, do not open the link, and let HM Inspectorate of Probation know.`,
      `HM Inspectorate of Probation`,
    ].join('\n\n'),
  };
}
