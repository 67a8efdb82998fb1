// What a standard's form still needs before it can be completed, in words and in page order: each
// message names the question as the form shows it ("Answer 'Does assessment …'"), never an item id
// alone, and they come in the order the fields appear, as the GOV.UK error summary wants.
import type { CaseAssessment } from './types.ts';
import { standardForm, type FormField } from './standard-edit.ts';
import type { Standard } from '../framework/schema.ts';

export interface MissingAnswer {
  key: string;
  message: string;
}

/** One message for each key in `missing`, in the order of the standard's form for this case. */
export function missingAnswers(standard: Standard, c: CaseAssessment, missing: ReadonlySet<string>): MissingAnswer[] {
  const out: MissingAnswer[] = [];
  const add = (field: FormField, message: string) => missing.has(field.key) && out.push({ key: field.key, message });
  for (const kq of standardForm(standard, c)) {
    for (const { prompt, fields } of kq.prompts)
      for (const field of fields) {
        if (field.kind === 'progress') add(field, `Select the progress made on '${prompt.text}'`);
        else if (field.kind === 'judgement') add(field, `Answer whether '${prompt.text}' is a positive early outcome`);
        else add(field, `Answer '${prompt.text}'`);
      }
    add(kq.judgement, `Answer '${kq.keyQuestion.text}' (key question ${kq.keyQuestion.id})`);
  }
  // Anything the form does not show (it should not happen) is still named, after the rest.
  const named = new Set(out.map((m) => m.key));
  for (const key of missing) if (!named.has(key)) out.push({ key, message: `Answer item ${key}` });
  return out;
}
