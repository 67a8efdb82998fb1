// The programme's one way of handling a form: read the fields, read each GOV.UK date input into its
// YYYY-MM-DD value, save through the service, and redirect (with the success banner, if named); on
// any problem, the same page again with every problem linked to its field.
import type { Handler } from 'hono';
import { isRealDate } from '../../../services/programme/dates.ts';
import { ProgrammeFieldError } from '../../../services/programme/errors.ts';
import { dateInputItems, readDateInput } from '../../../presenters/date-input.ts';
import type { AppEnv } from '../../auth.ts';
import { withFlash, type FlashKey } from '../../flash.ts';
import { fieldErrors, type FormError } from '../../form-errors.ts';
import type { C } from './common.ts';

export type Values = Record<string, string>;

/** A form that failed: which form on the page, what was typed, and the problems. */
export interface Failure {
  form: string;
  values: Values;
  errors: FormError[];
}

/** The form's text fields (not the CSRF token). */
export async function formBody(c: C): Promise<Values> {
  const body = await c.req.parseBody();
  const values: Values = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
  return values;
}

/** The programme forms' dates, each a GOV.UK date input (NAME-day, NAME-month, NAME-year), named as in messages. */
const DATE_LABELS: Record<string, string> = {
  receivedOn: 'the date received',
  caseloadAsOf: 'the date of the caseload figure',
  effectiveFrom: 'the date the new name takes effect',
  published: 'the date the report was published',
  fieldwork: 'the date fieldwork started',
  start: 'the first day of the cycle',
  from: 'the first day of the exclusion',
  to: 'the last day of the exclusion',
  asOf: 'the first day of the programme year',
  startsOn: 'the first day of the programme year',
  consultationCloses: 'the date the consultation closes',
};
export const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * Reads each date input typed into its YYYY-MM-DD value; the problems in GOV.UK's words. A date
 * sent with no part typed is empty (the service says whether it is needed); one sent whole as
 * YYYY-MM-DD, with no parts (a script, the access matrix), is left for the service to check.
 */
function readDates(values: Values): FormError[] {
  const errors: FormError[] = [];
  for (const [name, label] of Object.entries(DATE_LABELS)) {
    if (!DATE_PARTS.some((p) => `${name}-${p}` in values)) continue;
    if (!DATE_PARTS.some((p) => (values[`${name}-${p}`] ?? '').trim())) values[name] = '';
    else {
      const date = readDateInput(values, name, label);
      if (date.ok) values[name] = date.date;
      else errors.push({ href: date.href, text: date.message });
    }
  }
  return errors;
}

/** Field id → its error, a date's under its name too (the date input's errorMessage). */
export const formFieldErrors = (errors: FormError[]) => ({
  ...fieldErrors(errors),
  ...Object.fromEntries(errors.flatMap((e) => DATE_PARTS.flatMap((p) => (e.href.endsWith(`-${p}`) && e.href.slice(1, -p.length - 1) in DATE_LABELS ? [[e.href.slice(1, -p.length - 1), { text: e.text }]] : [])))),
});

/** A problem with a whole date (the service's: missing, not a Monday), not with one of its parts. */
type DateError = FormError & { wholeDate?: boolean };

/** Each date input's items: the parts typed, or those of the YYYY-MM-DD value; the parts in error marked (all three for a whole date's problem). */
export const dateItemsOf = (values: Values, errors: DateError[]) =>
  Object.fromEntries(
    Object.keys(DATE_LABELS).map((name) => [
      name,
      dateInputItems(
        values,
        name,
        isRealDate(values[name] ?? '') ? values[name] : undefined,
        errors.flatMap((e) => (e.wholeDate && e.href === `#${name}-day` ? [...DATE_PARTS] : DATE_PARTS.filter((p) => e.href === `#${name}-${p}`))),
      ),
    ]),
  );

export const failedFor = (failed: Failure | undefined, form: string) => (failed?.form === form ? failed : undefined);
export const errorsOf = (failed: Failure | undefined) => failed?.errors ?? [];
export const status = (failed: Failure | undefined) => (failed ? 400 : 200);
export const titled = (title: string, failed: Failure | undefined) => (failed ? `Error: ${title}` : title);

/** What a form's page needs of its state: the values, the error summary, each field's error and the date inputs' items. */
export const formState = (values: Values, failed: Failure | undefined) => ({ values, errors: errorsOf(failed), fieldErrors: formFieldErrors(errorsOf(failed)), dates: dateItemsOf(values, errorsOf(failed)) });

export interface FormRoute {
  /** The permission check (view or plan, or the registry's). */
  guard: (c: C) => unknown;
  /** Which form on the page this is, so the page shows the problems beside it. */
  form: string | ((c: C) => string);
  /** Saves the form through its service and gives the path to go to next. */
  save: (c: C, values: Values) => Promise<string>;
  /** The success banner on the page gone to, if any. */
  flash?: FlashKey;
  /** The page again, with the problems. */
  again: (c: C, failed: Failure) => Response | Promise<Response>;
}

/** A POST handler for a programme form: guard, read, save and redirect; or the page again with the problems (400). */
export const formRoute =
  (route: FormRoute): Handler<AppEnv> =>
  async (c) => {
    route.guard(c);
    const form = typeof route.form === 'string' ? route.form : route.form(c);
    const values = await formBody(c);
    const dateErrors = readDates(values);
    if (dateErrors.length) return route.again(c, { form, values, errors: dateErrors });
    try {
      const to = await route.save(c, values);
      return c.redirect(route.flash ? withFlash(to, route.flash) : to, 303);
    } catch (e) {
      // A date's problem is the whole date's, linked to its first part.
      if (e instanceof ProgrammeFieldError)
        return route.again(c, { form, values, errors: e.fields.map((f): DateError => (f.field in DATE_LABELS ? { href: `#${f.field}-day`, text: f.message, wholeDate: true } : { href: `#${f.field}`, text: f.message })) });
      throw e;
    }
  };
