// The analysts' workbook: a summary of the ratings, one sheet per standard (its key questions with
// n, N, % and band, then every case's answers to the standard's items), the survey of people on
// probation, and the case attributes.
import type ExcelJS from 'exceljs';
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { InspectionRatings, StandardResult } from '../domain/rating/result.ts';
import type { PduReport } from './pdu-report.ts';
import { capitalise } from '../domain/text/capitalise.ts';

export interface ReportWorkbookInput {
  report: PduReport;
  framework: Framework;
  ratings: InspectionRatings;
  assessment: InspectionAssessment;
}

/** A worksheet name Excel accepts: no []:*?/\ and at most 31 characters. */
export const sheetName = (s: StandardResult): string => `${s.id} ${s.name}`.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
};

export async function reportWorkbook({ report, framework, ratings, assessment }: ReportWorkbookInput): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // loaded on the first workbook, not at start
  const wb = new Excel.Workbook();
  wb.creator = 'Inspectorate';
  wb.title = report.title;

  const summary = wb.addWorksheet('Summary');
  summary.addRow([report.title]).font = { bold: true, size: 14 };
  for (const f of report.facts) summary.addRow([f.label, f.value]);
  summary.addRow([]);
  bold(summary.addRow(['Standard', 'Name', 'Treatment', 'Rating', 'Rating before limits', 'Points', 'Set by', 'Explanation']));
  for (const s of ratings.standards) {
    const row = report.ratings.rows.find((r) => r.id === s.id);
    summary.addRow([s.id, s.name, s.treatment, s.rating ?? '', s.ratingBeforeLimits ?? '', s.points ?? '', row?.setBy ?? '', s.explanation.summary]);
  }
  summary.addRow([]);
  summary.addRow(['Overall', '', '', ratings.overall.rating ?? 'Not yet rated', '', ratings.overall.score, `of ${ratings.overall.maxScore}`, ratings.overall.summary]);
  for (const j of ratings.judgements) summary.addRow([j.id, j.name, 'judgement', j.rating ?? '', '', '', '', j.rationale ?? '']);
  summary.columns.forEach((c, i) => (c.width = [12, 40, 16, 22, 22, 8, 30, 80][i] ?? 12));

  for (const s of ratings.standards) {
    const ws = wb.addWorksheet(sheetName(s));
    ws.addRow([`${s.id} ${s.name}`]).font = { bold: true, size: 13 };
    ws.addRow(['Rating', s.rating ?? (s.treatment === 'rated' ? 'Not yet rated' : s.treatment)]);
    if (s.rationale) ws.addRow(['Rationale', s.rationale]);
    ws.addRow([]);
    bold(ws.addRow(['Key question', 'Text', 'n', 'N', '%', 'Band']));
    for (const k of s.outcomeQuestions ?? s.keyQuestions) {
      ws.addRow([k.id, k.text, k.sufficient, k.applicable, k.percentage ?? '', s.treatment === 'rated' && k.band ? k.band.rating : '']);
    }
    const items = framework.items.filter((i) => i.standard.id === s.id).map((i) => i.id);
    if (s.assessedBy !== 'lead-inspector-judgement' && items.length) {
      ws.addRow([]);
      bold(ws.addRow(['Case', ...items]));
      for (const c of assessment.cases) ws.addRow([c.caseRef, ...items.map((id) => c.answers[id] ?? '')]);
    }
    ws.getColumn(1).width = 14;
    ws.getColumn(2).width = 60;
  }

  // 4.21: the same survey figures as the report, shares withheld where too few answered.
  const pop = report.peopleOnProbation;
  const survey = wb.addWorksheet(capitalise(report.words.people));
  survey.addRow([`The views of ${report.words.people}`]).font = { bold: true, size: 13 };
  survey.addRow([pop.statement]);
  if (pop.recorded) {
    survey.addRow(['Contacted', pop.invited ?? '']);
    survey.addRow(['Responded', pop.respondents ?? '']);
    survey.addRow(['Response rate (%)', pop.responseRate ?? '']);
    survey.addRow([]);
    bold(survey.addRow(['Statement', 'Text', 'Answered', 'Agreed (%)', 'Note']));
    for (const s of pop.statements) survey.addRow([s.id, s.text, s.responses ?? null, s.agreeShare, s.suppressed ? s.agreed : null]);
    survey.addRow([]);
    for (const n of pop.notes) survey.addRow([n]).font = { italic: true };
  }
  survey.getColumn(1).width = 18;
  survey.getColumn(2).width = 80;
  survey.getColumn(5).width = 36;

  const attrs = wb.addWorksheet('Case attributes');
  const attributeDefs = framework.definition.caseAttributes;
  bold(attrs.addRow(['Case', ...attributeDefs.map((a) => a.id)]));
  attrs.addRow(['', ...attributeDefs.map((a) => a.label)]).font = { italic: true };
  for (const c of assessment.cases) attrs.addRow([c.caseRef, ...attributeDefs.map((a) => c.attributes[a.id] ?? '')]);

  return Buffer.from(await wb.xlsx.writeBuffer());
}
