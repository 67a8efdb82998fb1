// A problem found in an assessment file, and how it reads to the person who wrote the file.

export interface FileProblem {
  /** CSV: the line number in the file (the header is line 1). */
  row?: number;
  /** CSV: case_ref, item or value. */
  column?: string;
  /** JSON: where in the document, e.g. `cases[3].items["2.2.1a"]`. */
  path?: string;
  caseRef?: string;
  item?: string;
  message: string;
}

/** "row 12, column value (case C014, item 2.2.1a): value 'maybe' is not allowed; use yes, no or na" */
export function formatProblem(p: FileProblem): string {
  const where = [
    p.row !== undefined ? `row ${p.row}` : undefined,
    p.column !== undefined ? `column ${p.column}` : undefined,
    p.path || undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const about = [p.caseRef ? `case ${p.caseRef}` : undefined, p.item ? `item ${p.item}` : undefined]
    .filter(Boolean)
    .join(', ');
  const head = where && about ? `${where} (${about})` : where || about;
  return head ? `${head}: ${p.message}` : p.message;
}
