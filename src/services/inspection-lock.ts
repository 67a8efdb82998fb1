// A change under an inspection (a case answer, a rating, a second assessment, a settlement) runs
// with a share of the inspection's row lock, and is refused once the inspection is signed off.
// Sign-off takes the lock outright (lead-inspector.ts), so a change and a sign-off never cross:
// whichever comes second sees the other's result.
import { lockInspection, type Db } from '../db/repositories/index.ts';
import { AppError } from './errors.ts';

/** Call first inside the change's transaction. */
export async function holdOpenInspection(trx: Db, inspectionId: number, locked = 'its assessments are locked'): Promise<void> {
  const inspection = await lockInspection(trx, inspectionId, 'share');
  if (!inspection) throw new AppError('not-found', `There is no inspection ${inspectionId}`);
  if (inspection.status === 'signed-off') throw new AppError('conflict', `The inspection is signed off, so ${locked}`);
}
