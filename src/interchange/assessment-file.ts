// The case-assessment file: reading CSV or JSON into an inspection assessment (or every problem
// with the file, which is then rejected whole) and writing an assessment back out. Pure: callers
// read and write the files. The format is documented in docs/assessment-file-format.md.
//
// A CSV file may also be read as a stream of chunks (readAssessmentCsvStream), validated a case at a
// time and handed over in batches of cases, so that memory stays bounded whatever the file's size;
// it goes through the same reader and validator as a text, with the same problems reported.
import type { CaseAssessment, InspectionAssessment, RecordedJudgement } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import { csvFault, CsvRowReader } from './csv-read.ts';
import { readJsonRows } from './json-read.ts';
import type { FileProblem } from './problems.ts';
import { AssessmentValidator, CaseRowsApart, validateRows } from './validate.ts';

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

/** A file read case by case: what is left once its cases were handed over. */
export type StreamResult =
  | { ok: true; judgements: Record<string, RecordedJudgement>; cases: number; answers: number; warnings: FileProblem[] }
  | { ok: false; errors: FileProblem[]; warnings: FileProblem[] };

/**
 * CSV bytes (all at once or in chunks) through the row reader and the validator. A file that is not
 * CSV gives that one problem and nothing else, as a file read whole always has.
 */
class CsvAssessmentReader {
  private readonly validator: AssessmentValidator;
  private readonly rows: CsvRowReader;
  private fault: unknown;

  constructor(framework: Framework, options: ParseOptions, onCase: (c: CaseAssessment) => void, grouped: boolean) {
    this.validator = new AssessmentValidator(framework, options, onCase, grouped);
    this.rows = new CsvRowReader((row) => this.validator.add(row));
  }

  /** True once the file is sure to be rejected: nothing read from then on is worth keeping. */
  get failed(): boolean {
    return this.fault !== undefined || this.validator.failed || this.rows.errors.length > 0;
  }

  /** The bytes could not be parsed as CSV: `finish` then wants the file's text. */
  get notCsv(): boolean {
    return this.fault !== undefined;
  }

  private guard(read: () => void): void {
    if (this.fault !== undefined) return;
    try {
      read();
    } catch (e) {
      if (!csvFault(e, () => '')) throw e;
      this.fault = e;
    }
  }

  write(chunk: Uint8Array): void {
    this.guard(() => this.rows.write(chunk));
  }

  /** Reads to the end (completing the last cases). */
  close(): void {
    this.guard(() => this.rows.end());
  }

  finish(text: () => string): StreamResult {
    if (this.fault !== undefined) return { ok: false, errors: [csvFault(this.fault, text)!], warnings: [] };
    const validated = this.validator.finish();
    const errors = [...this.rows.errors, ...validated.errors];
    if (errors.length) return { ok: false, errors, warnings: validated.warnings };
    const { judgements, cases, answers, warnings } = validated;
    return { ok: true, judgements, cases, answers, warnings };
  }
}

export function parseAssessmentFile(framework: Framework, text: string, format: FileFormat, options: ParseOptions = {}): ParseResult {
  if (format === 'json') {
    const read = readJsonRows(framework, text);
    const validated = validateRows(framework, read.rows, options);
    const errors = [...read.errors, ...validated.errors];
    if (errors.length || !validated.assessment) return { ok: false, errors, warnings: validated.warnings };
    return { ok: true, assessment: validated.assessment, warnings: validated.warnings };
  }
  const cases: CaseAssessment[] = [];
  const reader = new CsvAssessmentReader(framework, options, (c) => void cases.push(c), false);
  reader.write(Buffer.from(text, 'utf8'));
  reader.close();
  const read = reader.finish(() => text);
  if (!read.ok) return read;
  return { ok: true, assessment: { frameworkKey: framework.key, cases, judgements: read.judgements }, warnings: read.warnings };
}

/** Cases handed over per batch while a file is streamed. */
const CASE_BATCH = 1_000;

/** Where a streamed file's cases go, a batch at a time, in file order, while the file is still valid. */
export interface CaseBatches {
  /** Before the first batch, and again (forget every case given so far) if the file has to be read a second time. */
  begin(): Promise<void>;
  save(cases: CaseAssessment[]): Promise<void>;
}

/**
 * Reads a CSV file as chunks (`open` gives them from the start, each time it is called), validating
 * a case at a time and handing complete cases to `batches` while no problem has been found. Only the
 * case being read and one batch are held. A file whose case rows are not each together (allowed,
 * but never written so) is read a second time keeping every case until the end, as a text is.
 * `text` gives the file's text, wanted only to place an unclosed quote.
 */
export async function readAssessmentCsvStream(
  framework: Framework,
  open: () => AsyncIterable<Uint8Array>,
  options: ParseOptions,
  batches: CaseBatches,
  text: () => Promise<string>,
): Promise<StreamResult> {
  for (const grouped of [true, false]) {
    await batches.begin();
    let pending: CaseAssessment[] = [];
    const reader = new CsvAssessmentReader(framework, options, (c) => void pending.push(c), grouped);
    const flush = async () => {
      const batch = pending;
      pending = [];
      if (batch.length && !reader.failed) await batches.save(batch);
    };
    try {
      for await (const chunk of open()) {
        reader.write(chunk);
        if (pending.length >= CASE_BATCH || reader.failed) await flush();
      }
      reader.close();
    } catch (e) {
      if (grouped && e instanceof CaseRowsApart) continue;
      throw e;
    }
    const whole = reader.notCsv ? await text() : '';
    const result = reader.finish(() => whole);
    if (result.ok) await flush();
    return result;
  }
  throw new Error('unreachable: the second reading keeps every case');
}

/** The format a file name implies: `.csv` or `.json`, in any case. */
export function formatFromFileName(name: string): FileFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'json' ? ext : undefined;
}
