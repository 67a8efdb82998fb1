// The case-assessment file: reading CSV or JSON into an inspection assessment (or every problem
// with the file, which is then rejected whole) and writing an assessment back out. Pure: callers
// read and write the files. The format is documented in docs/assessment-file-format.md.
import type { InspectionAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { readCsvRows } from './csv-read.ts';
import { readJsonRows } from './json-read.ts';
import type { FileProblem } from './problems.ts';
import { validateRows } from './validate.ts';

export { formatProblem, type FileProblem } from './problems.ts';
export { writeAssessmentCsv, writeAssessmentJson, type CsvWriteOptions } from './write.ts';
export { JSON_FORMAT_NAME } from './json-read.ts';

export type FileFormat = 'csv' | 'json';

export type ParseResult =
  | { ok: true; assessment: InspectionAssessment; warnings: FileProblem[] }
  | { ok: false; errors: FileProblem[]; warnings: FileProblem[] };

export interface ParseOptions {
  /** Treat missing answers to applicable prompts as errors rather than warnings. */
  strict?: boolean;
}

export function parseAssessmentFile(framework: Framework, text: string, format: FileFormat, options: ParseOptions = {}): ParseResult {
  const read = format === 'csv' ? readCsvRows(text) : readJsonRows(framework, text);
  const validated = validateRows(framework, read.rows, options);
  const errors = [...read.errors, ...validated.errors];
  if (errors.length || !validated.assessment) return { ok: false, errors, warnings: validated.warnings };
  return { ok: true, assessment: validated.assessment, warnings: validated.warnings };
}

/** The format a file name implies: `.csv` or `.json`, in any case. */
export function formatFromFileName(name: string): FileFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'json' ? ext : undefined;
}
