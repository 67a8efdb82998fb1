// The parts of the demonstration data this database holds (migration 0028).
import type { Db } from './shared.ts';

export async function listDemoStagesDone(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('demo_data_stage').select('name').execute()).map((r) => r.name));
}

export async function recordDemoStageDone(db: Db, name: string): Promise<void> {
  await db.insertInto('demo_data_stage').values({ name }).execute();
}
