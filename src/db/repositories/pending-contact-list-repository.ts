// Contact lists held for their uploader's check (migration 0018): stored, found and deleted only by
// their token together with the inspection, user and session they belong to, and never once expired.
import type { Selectable } from 'kysely';
import type { FileProblem } from '../../interchange/problems.ts';
import type { PendingContactListTable } from '../schema-sample-survey.ts';
import { toJson, type Db } from './shared.ts';

/** Whose held list it is: the token's hash, the inspection, the user and their session's hash. */
export interface PendingContactListKey {
  tokenHash: string;
  inspectionId: number;
  userId: number;
  sessionHash: string;
}

export interface PendingContactList extends PendingContactListKey {
  fileName: string;
  contacts: { phone: string; name: string | null; row: number }[];
  leftOut: FileProblem[];
  warnings: FileProblem[];
  listedTwice: number;
  createdAt: Date;
  expiresAt: Date;
}

const toPending = (r: Selectable<PendingContactListTable>): PendingContactList => ({
  tokenHash: r.token_hash,
  inspectionId: r.inspection_id,
  userId: r.user_id,
  sessionHash: r.session_hash,
  fileName: r.file_name,
  contacts: r.contacts as PendingContactList['contacts'],
  leftOut: r.left_out as FileProblem[],
  warnings: r.warnings as FileProblem[],
  listedTwice: r.listed_twice,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export async function insertPendingContactList(db: Db, list: Omit<PendingContactList, 'createdAt'>): Promise<void> {
  await db
    .insertInto('pending_contact_list')
    .values({
      token_hash: list.tokenHash,
      inspection_id: list.inspectionId,
      user_id: list.userId,
      session_hash: list.sessionHash,
      file_name: list.fileName,
      contacts: toJson(list.contacts),
      left_out: toJson(list.leftOut),
      warnings: toJson(list.warnings),
      listed_twice: list.listedTwice,
      expires_at: list.expiresAt,
    })
    .execute();
}

export async function findPendingContactList(db: Db, key: PendingContactListKey, now: Date): Promise<PendingContactList | undefined> {
  const row = await db
    .selectFrom('pending_contact_list')
    .selectAll()
    .where('token_hash', '=', key.tokenHash)
    .where('inspection_id', '=', key.inspectionId)
    .where('user_id', '=', key.userId)
    .where('session_hash', '=', key.sessionHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && toPending(row);
}

/** Deletes the held list and gives it back (undefined when there is none, it is another's, or it has expired). */
export async function takePendingContactList(db: Db, key: PendingContactListKey, now: Date): Promise<PendingContactList | undefined> {
  const row = await db
    .deleteFrom('pending_contact_list')
    .where('token_hash', '=', key.tokenHash)
    .where('inspection_id', '=', key.inspectionId)
    .where('user_id', '=', key.userId)
    .where('session_hash', '=', key.sessionHash)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  return row && toPending(row);
}

/** Held lists past their hour (their numbers are not kept a moment longer than needed). */
export async function deleteExpiredPendingContactLists(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('pending_contact_list').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
