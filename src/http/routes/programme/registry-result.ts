// A recorded inspection result in the registry: its page, corrected or withdrawn by an administrator.
import { Hono } from 'hono';
import type { Db } from '../../../db/repositories/index.ts';
import { correctInspectionResult, getServiceRecord, requireRecordedResult, resultFormValues, withdrawInspectionResult } from '../../../services/programme/registry.ts';
import { shortDate } from '../../../presenters/programme-cycle.ts';
import { govukDate } from '../../../presenters/govuk-dates.ts';
import { actingUser } from '../../access.ts';
import type { AppEnv } from '../../auth.ts';
import { fieldErrors } from '../../form-errors.ts';
import { page } from '../../render.ts';
import { pathId, type C } from './common.ts';
import { dateItemsOf, errorsOf, failedFor, formFieldErrors, formRoute, status, titled, type Failure } from './form.ts';
import { edit, resultChoices, serviceId } from './registry.ts';

const resultId = (c: C) => pathId(c, 'resultId', 'a recorded inspection result');

export function registryResultRoutes(db: Db): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  const resultPage = async (c: C, failed?: Failure) => {
    edit(c);
    const id = serviceId(c);
    const result = await requireRecordedResult(db, id, resultId(c));
    const record = await getServiceRecord(db, id);
    const correctFailed = failedFor(failed, 'result');
    const values = correctFailed?.values ?? resultFormValues(result);
    return page(
      c,
      'programme-service-result.njk',
      {
        title: titled(`Inspection result published ${shortDate(result.publishedOn)}: ${record.organisation.name}`, failed),
        activeNav: 'programme',
        section: 'services',
        org: record.organisation,
        result,
        recorded: `${govukDate(result.recordedAt)} by ${result.recordedBy}${result.updatedBy && result.updatedAt ? `; corrected ${govukDate(result.updatedAt)} by ${result.updatedBy}` : ''}`,
        errors: errorsOf(failed),
        resultValues: values,
        resultErrors: formFieldErrors(errorsOf(correctFailed)),
        resultDates: dateItemsOf(values, errorsOf(correctFailed)),
        withdrawValues: failedFor(failed, 'withdraw')?.values ?? { reason: '' },
        withdrawErrors: fieldErrors(errorsOf(failedFor(failed, 'withdraw'))),
        ...resultChoices(record, values),
      },
      status(failed),
    );
  };
  routes.get('/programme/services/:id/inspections/:resultId', (c) => resultPage(c));
  routes.post(
    '/programme/services/:id/inspections/:resultId',
    formRoute({
      guard: edit,
      form: 'result',
      save: async (c, values) => {
        await correctInspectionResult(db, serviceId(c), resultId(c), values, actingUser(c));
        return `/programme/services/${serviceId(c)}#inspections`;
      },
      flash: 'result-saved',
      again: resultPage,
    }),
  );
  routes.post(
    '/programme/services/:id/inspections/:resultId/withdraw',
    formRoute({
      guard: edit,
      form: 'withdraw',
      save: async (c, values) => {
        await withdrawInspectionResult(db, serviceId(c), resultId(c), values, actingUser(c));
        return `/programme/services/${serviceId(c)}#inspections`;
      },
      flash: 'result-withdrawn',
      again: resultPage,
    }),
  );

  return routes;
}
