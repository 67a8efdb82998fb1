// The caseload upload: a CSV or Excel file of the service's eligible cases (3.15) read into
// eligible cases, or every problem with it, in which case nothing is kept. Pure apart from
// loading exceljs for Excel files: callers read the bytes. The format is documented in
// docs/case-sample-and-survey.md.
import type { Framework } from '../../domain/framework/framework.ts';
import { readCsvTable } from './csv-table.ts';
import type { TableRead } from './table.ts';
import { caseloadChecker, type CaseloadPool, type CaseloadResult } from './validate.ts';
import { readXlsxTable } from './xlsx-table.ts';

export type { CaseloadPool, CaseloadResult } from './validate.ts';
export { formatProblem, type FileProblem } from '../problems.ts';

export type CaseloadFormat = 'csv' | 'xlsx';

/** The checker's result, unless the file could not be read to its end (then that is the problem). */
const outcome = (read: TableRead, result: () => CaseloadResult): CaseloadResult => (read.ok ? result() : { ok: false, errors: read.errors, warnings: [] });

/** `pool`: the file holds that pool's cases only (see CaseloadPool). */
export function parseCaseloadCsv(framework: Framework, text: string, pool?: CaseloadPool): CaseloadResult {
  const checker = caseloadChecker(framework, 'csv', pool);
  return outcome(readCsvTable(text, checker.row), checker.result);
}

export async function parseCaseloadXlsx(framework: Framework, bytes: Uint8Array, pool?: CaseloadPool): Promise<CaseloadResult> {
  const checker = caseloadChecker(framework, 'xlsx', pool);
  return outcome(await readXlsxTable(bytes, checker.row), checker.result);
}

/** The format a file name implies: `.csv` or `.xlsx`, in any case. */
export function caseloadFormatFromFileName(name: string): CaseloadFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(name.trim())?.[1]?.toLowerCase();
  return ext === 'csv' || ext === 'xlsx' ? ext : undefined;
}
