// How long a held text reply is kept: a reply that still fails after 30 days of tries will not
// succeed, and it holds a person's number and words, so it is deleted (with an audit event that
// keeps neither) rather than kept for ever.
import { deleteHeldInboundBefore, recordAudit, inTransaction, type Db } from '../../db/repositories/index.ts';

export const HELD_REPLY_RETENTION_DAYS = 30;
const ACTOR = 'system:held-replies';

/** Deletes the replies held for longer than the retention period, each with an audit event; returns how many. */
export async function expireHeldReplies(db: Db, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - HELD_REPLY_RETENTION_DAYS * 24 * 60 * 60_000);
  return inTransaction(db, async (trx) => {
    const deleted = await deleteHeldInboundBefore(trx, cutoff);
    for (const held of deleted)
      await recordAudit(trx, {
        actor: ACTOR,
        action: 'survey.held-reply-deleted',
        entity: 'survey-inbound-held',
        entityId: held.providerId,
        before: { heldAt: held.heldAt.toISOString(), attempts: held.attempts, failure: held.failure },
        after: { retentionDays: HELD_REPLY_RETENTION_DAYS },
      });
    return deleted.length;
  });
}
