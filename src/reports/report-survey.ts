// The people-on-probation survey's results (src/domain/survey/results.ts) as the PDU report's
// input (4.21): the response rate with those contacted and those who responded, and each
// statement's share who agreed with the number who answered it. A statement answered by fewer
// than the minimum (10, as for groups in the survey's own results) has its share withheld, so that
// no one can be recognised from their answers. Pure.
import { MINIMUM_GROUP_SIZE, type SurveyResults } from '../domain/survey/results.ts';
import type { ReportSurveyInput } from './pdu-report.ts';

/** The report's survey input, or undefined when there is nothing to report (not sent, or sent to no one). */
export function reportSurvey(results: SurveyResults | null | undefined, minimum = MINIMUM_GROUP_SIZE): ReportSurveyInput | undefined {
  if (!results || results.response.responseRate === null) return undefined;
  return {
    responseRate: results.response.responseRate,
    respondents: results.response.responded,
    invited: results.response.contacted,
    minimumAnswers: minimum,
    statements: results.statements.map((s) => {
      const suppressed = s.answered < minimum;
      return { id: s.id, text: s.text, agreeShare: suppressed ? null : s.agree.percent, responses: s.answered, ...(suppressed ? { suppressed } : {}) };
    }),
  };
}
