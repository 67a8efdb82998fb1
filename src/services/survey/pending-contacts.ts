// A contact list with some bad rows is held, not kept: its uploader sees which rows would be left
// out and why, and how many people the good rows give, then goes on with the good rows or cancels.
// Nothing reaches the survey until they confirm. The held list is theirs alone (user and sign-in
// session), found by a random token whose SHA-256 alone is stored, and lasts an hour.
import { createHash, randomBytes } from 'node:crypto';
import {
  deleteExpiredPendingContactLists,
  findPendingContactList,
  insertPendingContactList,
  takePendingContactList,
  inTransaction,
  type Db,
  type Inspection,
  type PendingContactList,
} from '../../db/repositories/index.ts';
import type { FileProblem } from '../../interchange/problems.ts';
import { AppError } from '../errors.ts';
import type { ContactRow } from './contact-list.ts';
import { inspectionTakingContacts, keepContacts } from './keep-contacts.ts';
import { clock } from '../clock.ts';

/** How long a held list waits for its uploader. */
export const HOLD_MINUTES = 60;

/** The person a held list belongs to: their user id and the stored hash of their session's token. */
export interface ContactListHolder {
  userId: number;
  sessionHash: string;
}

export const HELD_LIST_GONE = 'Upload the contact list again: the check of the list lasts an hour and has ended, or it was not yours';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');
/** The rows of the file left out (a row may have more than one problem). */
export const rowsLeftOut = (leftOut: readonly FileProblem[]): number => new Set(leftOut.map((p) => p.row)).size;

const keyOf = (inspectionId: number, token: string, holder: ContactListHolder) => ({ tokenHash: tokenHash(token), inspectionId, userId: holder.userId, sessionHash: holder.sessionHash });

export interface HeldContactList {
  token: string;
  expiresAt: Date;
}

/** Holds the good rows and the rows left out; gives the token that finds them again. */
export async function holdContactList(
  db: Db,
  inspection: Inspection,
  list: { fileName: string; contacts: readonly ContactRow[]; listedTwice: number; leftOut: readonly FileProblem[]; warnings: readonly FileProblem[] },
  holder: ContactListHolder,
  now = clock.now(),
): Promise<HeldContactList> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + HOLD_MINUTES * 60_000);
  await deleteExpiredPendingContactLists(db, now);
  await insertPendingContactList(db, {
    ...keyOf(inspection.id, token, holder),
    fileName: list.fileName.slice(0, 255),
    contacts: [...list.contacts],
    leftOut: [...list.leftOut],
    warnings: [...list.warnings],
    listedTwice: list.listedTwice,
    expiresAt,
  });
  return { token, expiresAt };
}

/** The held list for its check page: undefined when it has ended, or is another's. */
export async function findHeldContactList(db: Db, inspectionId: number, token: string, holder: ContactListHolder, now = clock.now()): Promise<PendingContactList | undefined> {
  return token ? findPendingContactList(db, keyOf(inspectionId, token, holder), now) : undefined;
}

/** Keeps the good rows of the held list as the survey's people (audited) and forgets the hold. */
export async function confirmContactList(
  db: Db,
  inspectionId: number,
  token: string,
  holder: ContactListHolder,
  actor: string,
  now = clock.now(),
): Promise<{ people: number; suppressed: number; leftOut: number }> {
  const inspection = await inspectionTakingContacts(db, inspectionId);
  return inTransaction(db, async (trx) => {
    const held = token ? await takePendingContactList(trx, keyOf(inspection.id, token, holder), now) : undefined;
    if (!held) throw new AppError('not-found', HELD_LIST_GONE);
    const leftOut = rowsLeftOut(held.leftOut);
    const kept = await keepContacts(trx, inspection, { contacts: held.contacts, listedTwice: held.listedTwice, leftOut }, actor);
    return { ...kept, leftOut };
  });
}

/** Forgets the held list: nothing of it was kept. True when there was one to forget. */
export async function cancelContactList(db: Db, inspectionId: number, token: string, holder: ContactListHolder, now = clock.now()): Promise<boolean> {
  if (!token) return false;
  return !!(await takePendingContactList(db, keyOf(inspectionId, token, holder), now));
}
