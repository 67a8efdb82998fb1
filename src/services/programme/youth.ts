// Youth justice services: risk scores from the registry (each factor's contribution shown), and the
// year's selection (forced in, targeted by score, drawn at random from a stored seed) kept with the
// exact input that made it, so anyone can make the draw again and get the same list.
import { randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { getYouthSelection, insertYouthSelection, listYouthSelectionSummaries, recordAudit, inTransaction, type Db, type StoredYouthSelection, type YouthSelectionSummary } from '../../db/repositories/index.ts';
import { isRealDate, requiredRealDate } from './dates.ts';
import { scoreYouthServices, type YouthRiskScore, type YouthService } from '../../domain/programme/youth-risk.ts';
import { selectYouthServices, type SelectedService, type YouthSelection, type YouthSelectionInput } from '../../domain/programme/youth-selection.ts';
import { AppError } from '../errors.ts';
import { parseFields, plannerProblems, ProgrammeFieldError } from './errors.ts';
import { planningYouthServices } from './registry.ts';

export type StoredSelection = StoredYouthSelection<YouthSelectionInput, YouthSelection>;
/** A stored selection as lists show it: the services it chose, without its input and every service's score. */
export type SelectionSummary = YouthSelectionSummary<SelectedService>;

const MAX_SEED = 2_147_483_647;

/** A seed for a new draw (stored with the selection, so the draw can be repeated). */
export const newSeed = () => randomInt(1, MAX_SEED);

const count = (label: string, max: number) =>
  z.union([z.number(), z.string()], { message: `Enter ${label}` }).transform((v, ctx) => {
    const text = String(v).trim();
    const n = Number(text);
    if (!text || !Number.isInteger(n) || n < 0 || n > max) {
      ctx.addIssue({ code: 'custom', message: `${label.charAt(0).toUpperCase()}${label.slice(1)} must be a whole number from 0 to ${max}` });
      return z.NEVER;
    }
    return n;
  });

const SelectionSchema = z.object({
  title: z.string().trim().max(200, 'The title must be 200 characters or fewer').optional().default(''),
  asOf: requiredRealDate('the first day of the programme year', '2027-04-01'),
  targeted: count('the number of targeted inspections', 500),
  random: count('the number of random inspections', 500),
  seed: z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || String(v).trim() === '') return newSeed();
      const n = Number(String(v).trim());
      if (!Number.isInteger(n) || n < 0 || n > MAX_SEED) {
        ctx.addIssue({ code: 'custom', message: `The seed must be a whole number from 0 to ${MAX_SEED.toLocaleString('en-GB')}` });
        return z.NEVER;
      }
      return n;
    }),
  capacity: z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || String(v).trim() === '') return undefined;
      const n = Number(String(v).trim());
      if (!Number.isInteger(n) || n < 0 || n > 500) {
        ctx.addIssue({ code: 'custom', message: 'The inspections the year can take must be a whole number from 0 to 500, or blank' });
        return z.NEVER;
      }
      return n;
    }),
  joint: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split('\n')).map((s) => s.trim()).filter(Boolean))),
});

export type YouthSelectionRequest = z.input<typeof SelectionSchema>;

/**
 * Every youth justice service in the registry, scored as of a date, highest first; from the
 * services given (planningYouthServices, when the caller has them already) or the registry's.
 */
export async function youthScores(db: Db, asOf: string, services?: readonly YouthService[]): Promise<YouthRiskScore[]> {
  if (!isRealDate(asOf)) throw new ProgrammeFieldError([{ field: 'asOf', message: 'The date to score from must be a real date, like 2027-04-01' }]);
  return scoreYouthServices(services ?? (await planningYouthServices(db)).services, asOf);
}

/** The selection the registry gives now, without storing it (the command line's preview). */
export async function previewYouthSelection(db: Db, raw: unknown): Promise<{ input: YouthSelectionInput; result: YouthSelection }> {
  const request = parseFields(SelectionSchema, raw);
  const { services } = await planningYouthServices(db);
  const names = new Set(services.map((s) => s.name));
  const unknown = request.joint.filter((j) => !names.has(j));
  if (unknown.length) throw new ProgrammeFieldError([{ field: 'joint', message: `Not youth justice services in the registry: ${unknown.join(', ')}` }]);
  const input: YouthSelectionInput = {
    services,
    asOf: request.asOf,
    targeted: request.targeted,
    random: request.random,
    seed: request.seed,
    joint: request.joint,
    ...(request.capacity !== undefined ? { capacity: request.capacity } : {}),
  };
  return { input, result: plannerProblems('asOf', () => selectYouthServices(input)) };
}

/** Makes the year's selection from the registry and stores it with its input and seed. */
export async function makeYouthSelection(db: Db, raw: unknown, actor: string): Promise<{ id: number; result: YouthSelection }> {
  const request = parseFields(SelectionSchema, raw);
  const { input, result } = await previewYouthSelection(db, { ...(raw as object), seed: request.seed });
  const title = request.title || `Youth justice services from ${input.asOf}`;
  const id = await inTransaction(db, async (trx) => {
    const id = await insertYouthSelection(trx, { title, asOf: input.asOf, seed: input.seed, input, result, createdBy: actor });
    await recordAudit(trx, {
      actor,
      action: 'youth-selection.made',
      entity: 'youth-selection',
      entityId: id,
      after: {
        title,
        asOf: input.asOf,
        seed: input.seed,
        targeted: input.targeted,
        random: input.random,
        capacity: input.capacity ?? null,
        selected: result.selected.map((s) => ({ service: s.service, reasons: s.reasons.map((r) => r.kind) })),
      },
    });
    return id;
  });
  return { id, result };
}

export async function getStoredSelection(db: Db, id: number): Promise<StoredSelection> {
  const s = await getYouthSelection(db, id);
  if (!s) throw new AppError('not-found', `There is no youth selection ${id}`);
  return s as StoredSelection;
}

/** The stored selections, newest first, as summaries. */
export async function listStoredSelections(db: Db): Promise<SelectionSummary[]> {
  return (await listYouthSelectionSummaries(db)) as SelectionSummary[];
}

/** The draw made again from the stored input: true when it gives the stored list. */
export function repeatsExactly(s: StoredSelection): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(selectYouthServices(s.input))), s.result);
}
