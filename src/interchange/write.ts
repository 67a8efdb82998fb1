// An inspection assessment to CSV or JSON text, in framework order, so that reading the text back
// gives the same assessment.
import type { CaseAssessment, InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { CSV_COLUMNS } from './csv-read.ts';
import { stringifyCsv } from './csv-safe.ts';
import { JSON_FORMAT_NAME } from './json-read.ts';

type Entry = [item: string, value: string];

function checkFramework(framework: Framework, assessment: InspectionAssessment) {
  if (assessment.frameworkKey !== framework.key)
    throw new Error(`The assessment was made under ${assessment.frameworkKey}, not ${framework.key}; write it with its own framework`);
}

/** Judgement standards in framework order, then the named judgements, then anything else as given. */
function judgementIds(framework: Framework, assessment: InspectionAssessment): string[] {
  const order = [...framework.judgementStandards.map((s) => s.id), ...framework.definition.rules.judgements.map((j) => j.id)];
  const given = Object.keys(assessment.judgements);
  return [...order.filter((id) => given.includes(id)), ...given.filter((id) => !order.includes(id))];
}

function judgementEntries(framework: Framework, assessment: InspectionAssessment): Entry[] {
  return judgementIds(framework, assessment).flatMap((id): Entry[] => {
    const j = assessment.judgements[id]!;
    return j.rationale ? [[id, j.rating], [`${id}:rationale`, j.rationale]] : [[id, j.rating]];
  });
}

/**
 * A case's facts in framework order: attributes as the framework lists them; then, standard by
 * standard, each key question followed by its prompts (an outcome question followed by its
 * progress and stability) and the evidence for the key question and its prompts, then the
 * standard's evidence; then the case's own evidence. Anything the framework does not know comes
 * last, as given, rather than being lost.
 */
function caseEntries(framework: Framework, c: CaseAssessment): Entry[] {
  const entries: Entry[] = [];
  const attributes = new Set(Object.keys(c.attributes));
  const answers = new Set(Object.keys(c.answers));
  const outcomes = new Set(Object.keys(c.outcomes));
  const evidence = new Set(Object.keys(c.evidence));
  const attribute = (id: string) => {
    if (!attributes.delete(id)) return;
    if (c.attributes[id] !== '') entries.push([id, c.attributes[id]!]);
  };
  const answer = (id: string) => {
    if (answers.delete(id)) entries.push([id, c.answers[id]!]);
    if (outcomes.delete(id)) {
      const detail = c.outcomes[id]!;
      if (detail.progress !== undefined) entries.push([`${id}:progress`, detail.progress]);
      if (detail.stabilityCredited !== undefined) entries.push([`${id}:stability`, detail.stabilityCredited ? 'yes' : 'no']);
    }
  };
  const evidenceFor = (id: string) => {
    if (!evidence.delete(id)) return;
    if (c.evidence[id] !== '') entries.push([id === '' ? 'evidence' : `${id}:evidence`, c.evidence[id]!]);
  };

  for (const a of framework.definition.caseAttributes) attribute(a.id);
  for (const s of framework.caseStandards) {
    for (const kq of s.keyQuestions) {
      answer(kq.id);
      for (const p of kq.prompts) answer(p.id);
      evidenceFor(kq.id);
      for (const p of kq.prompts) evidenceFor(p.id);
    }
    evidenceFor(s.id);
  }
  evidenceFor('');
  [...attributes].forEach(attribute);
  [...new Set([...answers, ...outcomes])].forEach(answer);
  [...evidence].forEach(evidenceFor);
  return entries;
}

export interface CsvWriteOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read accented letters and curly quotes. */
  bom?: boolean;
}

/** `case_ref,item,value`: inspection-level rows (empty case_ref) first, then the cases in order; a
 * cell a spreadsheet would read as a formula is written with a quote in front (csv-safe.ts), which
 * reading the file takes off again. */
export function writeAssessmentCsv(framework: Framework, assessment: InspectionAssessment, options: CsvWriteOptions = {}): string {
  checkFramework(framework, assessment);
  const records: string[][] = [
    [...CSV_COLUMNS],
    ...judgementEntries(framework, assessment).map(([item, value]) => ['', item, value]),
    ...assessment.cases.flatMap((c) => caseEntries(framework, c).map(([item, value]) => [c.caseRef, item, value])),
  ];
  return stringifyCsv(records, { bom: options.bom ?? false });
}

export function writeAssessmentJson(framework: Framework, assessment: InspectionAssessment): string {
  checkFramework(framework, assessment);
  const judgements: Record<string, { rating: string; rationale?: string }> = {};
  for (const id of judgementIds(framework, assessment)) {
    const j = assessment.judgements[id]!;
    judgements[id] = j.rationale ? { rating: j.rating, rationale: j.rationale } : { rating: j.rating };
  }
  const document = {
    format: JSON_FORMAT_NAME,
    framework: framework.key,
    judgements,
    cases: assessment.cases.map((c) => ({ case_ref: c.caseRef, items: Object.fromEntries(caseEntries(framework, c)) })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
