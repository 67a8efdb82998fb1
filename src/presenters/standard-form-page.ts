// The view model of one standard's form for one case: GOV.UK radios, textareas and the error
// summary, with the same item keys the file format uses.
import { standardForm, type FlatValues, type FormField } from '../domain/assessment/standard-edit.ts';
import type { CaseAssessment } from '../domain/assessment/types.ts';
import type { Framework } from '../domain/framework/framework.ts';
import type { Standard } from '../domain/framework/schema.ts';

export const fieldId = (key: string) => `f-${key.replace(/[.:]/g, '-')}`;

const ANSWER_ITEMS = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'na', text: 'Not applicable' },
];
const JUDGEMENT_ITEMS = [
  { value: 'yes', text: 'Yes' },
  { value: 'no', text: 'No' },
  { value: 'na', text: 'Not applicable to this case' },
];
const PROGRESS_ITEMS = [
  { value: 'sufficient', text: 'Sufficient progress' },
  { value: 'some', text: 'Some progress' },
  { value: 'none', text: 'No progress' },
];

const encodeBase = (values: FlatValues) => Buffer.from(JSON.stringify(values)).toString('base64url');
export const decodeBase = (text: unknown): FlatValues => {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(typeof text === 'string' ? text : '', 'base64url').toString('utf8'));
    return parsed && typeof parsed === 'object' ? Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  } catch {
    return {};
  }
};

export interface StandardFormContext {
  framework: Framework;
  standard: Standard;
  assessment: CaseAssessment;
  values: FlatValues;
  base: FlatValues;
  version: number;
  errors: { key: string; message: string }[];
  editable: boolean;
}

function radios(field: FormField, legend: string, values: FlatValues, errors: Map<string, string>, legendClasses: string, editable: boolean) {
  const items = field.kind === 'progress' ? PROGRESS_ITEMS : field.kind === 'judgement' ? JUDGEMENT_ITEMS : field.kind === 'stability' ? ANSWER_ITEMS.slice(0, 2) : ANSWER_ITEMS;
  const error = errors.get(field.key);
  return {
    idPrefix: fieldId(field.key),
    name: field.key,
    classes: 'govuk-radios--inline govuk-radios--small',
    fieldset: { legend: { text: legend, classes: legendClasses } },
    items: items.map((i) => ({ ...i, checked: values[field.key] === i.value, disabled: !editable })),
    ...(error ? { errorMessage: { text: error } } : {}),
  };
}

export function standardFormPage(ctx: StandardFormContext) {
  const errors = new Map(ctx.errors.map((e) => [e.key, e.message]));
  const form = standardForm(ctx.standard, ctx.assessment);
  // The error summary follows the page's order, whatever order the problems were found in.
  const order = new Map(form.flatMap((kq) => [...kq.prompts.flatMap((p) => p.fields), kq.judgement, kq.evidence]).map((f, i) => [f.key, i]));
  const inPageOrder = [...ctx.errors].sort((a, b) => (order.get(a.key) ?? order.size) - (order.get(b.key) ?? order.size));
  return {
    errorList: inPageOrder.map((e) => ({ text: e.message, href: `#${fieldId(e.key)}` })),
    base: encodeBase(ctx.base),
    version: ctx.version,
    keyQuestions: form.map((kq) => ({
      id: kq.keyQuestion.id,
      text: kq.keyQuestion.text,
      prompts: kq.prompts.map(({ prompt, fields }) =>
        fields.length === 1
          ? { radios: [radios(fields[0]!, `${prompt.id.slice(-1)}) ${prompt.text}`, ctx.values, errors, 'govuk-fieldset__legend--s app-prompt', ctx.editable)] }
          : {
              heading: `${prompt.id.slice(-1)}) ${prompt.text}`,
              radios: fields.map((f) =>
                radios(f, f.kind === 'progress' ? 'Progress made' : f.kind === 'stability' ? 'Stability credited as sufficient (4.11)' : 'Positive early outcome?', ctx.values, errors, '', ctx.editable),
              ),
            },
      ),
      judgement: radios(kq.judgement, `Key question ${kq.keyQuestion.id}: is it sufficient?`, ctx.values, errors, 'govuk-fieldset__legend--m', ctx.editable),
      evidence: {
        id: fieldId(kq.evidence.key),
        name: kq.evidence.key,
        label: { text: `Evidence for ${kq.keyQuestion.id} (optional)` },
        value: ctx.values[kq.evidence.key] ?? '',
        rows: 4,
        disabled: !ctx.editable,
        ...(errors.get(kq.evidence.key) ? { errorMessage: { text: errors.get(kq.evidence.key) } } : {}),
      },
    })),
  };
}
