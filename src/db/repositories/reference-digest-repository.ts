// The digest of the reference files last loaded into this database.
import type { Db } from './shared.ts';

export async function getReferenceDigest(db: Db, name: string): Promise<string | undefined> {
  const row = await db.selectFrom('reference_data_digest').select('digest').where('name', '=', name).executeTakeFirst();
  return row?.digest;
}

export async function setReferenceDigest(db: Db, name: string, digest: string): Promise<void> {
  await db
    .insertInto('reference_data_digest')
    .values({ name, digest })
    .onConflict((oc) => oc.column('name').doUpdateSet({ digest, loaded_at: new Date() }))
    .execute();
}
