// The demonstration data's later parts, made after the server answers (demo-data.ts makes the first
// before): one part at a time, in order, each in its own transaction, so a first start serves its
// sign-in page in seconds rather than after every part. Its progress is held in memory for the
// pages' banner (no query per request). A part that fails is logged with its reason and the rest
// wait for the next start (they may build on it); the server carries on. Stopping aborts the part
// being made (rolled back: made again at the next start) before the database is closed.
import type { Db } from '../db/repositories/index.ts';
import { makeDemoStage, type DemoStage, type DemoStageContext } from './demo-data.ts';

export interface DemoLoadingProgress {
  /** Parts made, of `total` (those made at earlier starts included). */
  ready: number;
  total: number;
  /** The part that failed, with its reason: nothing more loads until the next start. */
  failed?: { title: string; reason: string };
}

export interface DemoLoadingLog {
  made(line: string): void;
  failed(error: unknown, line: string): void;
}

export interface DemoLoading {
  /** Where it has got to; undefined once every part is made. */
  progress(): DemoLoadingProgress | undefined;
  /** Resolves when it has finished (every part made, or one failed, or stopped). */
  readonly finished: Promise<void>;
  /** Stops it: the part being made is rolled back. Resolves once nothing more touches the database. */
  stop(): Promise<void>;
}

/** Starts making `stages` (those still missing) in the background; `total` counts every part, made or not. */
export function startDemoLoading(db: Db, stages: readonly DemoStage[], options: { total: number; context: DemoStageContext; log: DemoLoadingLog }): DemoLoading {
  const { total, context, log } = options;
  let ready = total - stages.length;
  let failed: DemoLoadingProgress['failed'];
  const abort = new AbortController();
  const started = Date.now();

  const finished = (async () => {
    // After the server has begun answering: the first requests go before the first part.
    await new Promise((resolve) => setImmediate(resolve));
    for (const stage of stages) {
      if (abort.signal.aborted) return;
      try {
        for (const line of await makeDemoStage(db, stage, context, { signal: abort.signal })) log.made(line);
        ready++;
      } catch (error) {
        if (abort.signal.aborted) return; // stopped: made at the next start
        failed = { title: stage.title, reason: error instanceof Error ? error.message : String(error) };
        log.failed(error, `Demonstration data: ${stage.title} could not be made (${failed.reason}); the rest will be tried at the next start`);
        return;
      }
      // Requests waiting for the database go before the next part.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (stages.length) log.made(`Demonstration data: all ${total} parts loaded (${((Date.now() - started) / 1000).toFixed(1)} s after the server began answering)`);
  })();

  return {
    progress: () => (ready < total ? { ready, total, ...(failed ? { failed } : {}) } : undefined),
    finished,
    stop: async () => {
      abort.abort(new Error('the server is stopping'));
      await finished;
    },
  };
}
