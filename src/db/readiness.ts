// Whether the database can serve requests: it answers, and every migration this build carries has
// run (a build newer than its schema must not take traffic). One small query, for GET /health/ready.
import { sql, type Kysely } from 'kysely';
import { logger } from '../observability/logger.ts';
import { migrations } from './migrations/index.ts';

export type Readiness = { ready: true } | { ready: false; reason: string };

export async function databaseReadiness(db: Kysely<any>, timeoutMs = 2_000): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: `the database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([check(db), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function check(db: Kysely<any>): Promise<Readiness> {
  let ran: Set<string>;
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    ran = new Set(rows.map((r) => r.name));
  } catch (error) {
    logger.warn({ err: error }, 'readiness: the database cannot be read');
    return { ready: false, reason: 'the database cannot be read' };
  }
  const pending = Object.keys(migrations).filter((name) => !ran.has(name));
  return pending.length ? { ready: false, reason: `migrations not yet run: ${pending.join(', ')}` } : { ready: true };
}
