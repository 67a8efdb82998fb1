// JSON text to source rows: the document's shape is checked here, its content by the validator
// shared with CSV. Each row carries the JSON path of its item and of its value.
import type { Framework } from '../domain/framework/framework.ts';
import { readJson } from './json-syntax.ts';
import type { FileProblem } from './problems.ts';
import { childPath, type SourceRow } from './rows.ts';
import type { RowsRead } from './csv-read.ts';

export const JSON_FORMAT_NAME = 'inspectorate-assessments';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;

export function readJsonRows(framework: Framework, text: string): RowsRead {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const parsed = readJson(body);
  if (!parsed.ok)
    return {
      rows: [],
      errors: [{ message: `the file is not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}` }],
    };

  const errors: FileProblem[] = parsed.duplicateKeys.map(({ path, key }) => ({
    path,
    message: `'${key}' is given twice in the same object; give it once`,
  }));
  const rows: SourceRow[] = [];
  const problem = (path: string, message: string, caseRef?: string) =>
    errors.push({ path: path || '(top)', ...(caseRef ? { caseRef } : {}), message });
  const onlyKeys = (o: Obj, path: string, allowed: string[], caseRef?: string) => {
    for (const k of Object.keys(o))
      if (!allowed.includes(k)) problem(childPath(path, k), `unknown property '${k}'; allowed here: ${allowed.join(', ')}`, caseRef);
  };

  const doc = parsed.value;
  if (!isObject(doc)) {
    problem('', `the file must hold a JSON object with "format": "${JSON_FORMAT_NAME}", not ${describe(doc)}`);
    return { rows, errors };
  }
  onlyKeys(doc, '', ['format', 'framework', 'judgements', 'cases']);
  if (doc.format !== JSON_FORMAT_NAME)
    problem('format', doc.format === undefined ? `"format": "${JSON_FORMAT_NAME}" is missing` : `format must be "${JSON_FORMAT_NAME}", not ${describe(doc.format)}`);
  if (doc.framework !== undefined && doc.framework !== framework.key)
    problem('framework', `the file is for framework ${typeof doc.framework === 'string' ? doc.framework : describe(doc.framework)}, but it is being read with ${framework.key}`);

  if (doc.judgements !== undefined) {
    if (!isObject(doc.judgements)) problem('judgements', `judgements must be an object keyed by standard or judgement id, not ${describe(doc.judgements)}`);
    else
      for (const [id, j] of Object.entries(doc.judgements)) {
        const path = childPath('judgements', id);
        if (!isObject(j)) {
          problem(path, `must be an object like { "rating": "Good", "rationale": "…" }, not ${describe(j)}`);
          continue;
        }
        onlyKeys(j, path, ['rating', 'rationale']);
        if (j.rating === undefined && j.rationale === undefined) problem(path, 'give a rating');
        for (const field of ['rating', 'rationale'] as const) {
          const v = j[field];
          if (v === undefined) continue;
          const valuePath = childPath(path, field);
          if (typeof v !== 'string') problem(valuePath, `must be a string, not ${describe(v)}`);
          else rows.push({ caseRef: '', item: field === 'rating' ? id : `${id}:rationale`, value: v, itemPath: path, valuePath });
        }
      }
  }

  if (doc.cases !== undefined) {
    if (!Array.isArray(doc.cases)) problem('cases', `cases must be an array, not ${describe(doc.cases)}`);
    else {
      const firstPath = new Map<string, string>();
      doc.cases.forEach((c: unknown, index) => {
        const path = childPath('cases', index);
        if (!isObject(c)) return problem(path, `each case must be an object with case_ref and items, not ${describe(c)}`);
        const caseRef = typeof c.case_ref === 'string' ? c.case_ref.trim() : '';
        onlyKeys(c, path, ['case_ref', 'items'], caseRef);
        if (typeof c.case_ref !== 'string' || caseRef === '')
          return problem(childPath(path, 'case_ref'), c.case_ref === undefined ? 'case_ref is missing' : `case_ref must be a non-empty string, not ${describe(c.case_ref)}`);
        const earlier = firstPath.get(caseRef);
        if (earlier !== undefined)
          return problem(childPath(path, 'case_ref'), `case ${caseRef} is also given at ${earlier}; give each case once`, caseRef);
        firstPath.set(caseRef, path);
        if (!isObject(c.items))
          return problem(childPath(path, 'items'), c.items === undefined ? 'items is missing' : `items must be an object, not ${describe(c.items)}`, caseRef);
        for (const [item, v] of Object.entries(c.items)) {
          const itemPath = childPath(childPath(path, 'items'), item);
          if (typeof v !== 'string') {
            problem(itemPath, `must be a string, not ${describe(v)}; write "yes", "no", "na", a date "2026-03-02" or text`, caseRef);
            rows.push({ caseRef, item, value: '', itemPath, broken: true });
          } else rows.push({ caseRef, item, value: v, itemPath });
        }
      });
    }
  }
  return { rows, errors };
}
