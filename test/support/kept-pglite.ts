// One embedded database a storage worker keeps, per template, and hands to file after file, put
// back between them to exactly what the template holds: every table's rows (binary COPY, in the
// order they were stored), every sequence's position, and a session as new (DISCARD ALL). Only the
// tables a file changed are truncated and copied back (with those that reference them). Opening
// a PGlite is ~0.25-0.35 s of CPU (its WebAssembly memory, the template's files, Postgres's start);
// putting one back is a few tens of ms. A database whose structure a file changed (a table, column,
// constraint, index, function, view, type, schema, setting or role: its catalogs' fingerprint
// against the one taken when it was handed out) is not put back but closed, and the next file gets
// a new one.
//
// Each file gets a Kysely of its own over the kept PGlite, destroyed when the file closes it: a
// query left running after the file ends fails as it would on a closed database, and never reaches
// the next file's.
import type { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '../../src/db/database.ts';
import { PGliteDialect } from '../../src/db/pglite-dialect.ts';

interface Pristine {
  /** Every table of the database's own schemas, quoted, with its rows when it has any and their count. */
  tables: { name: string; rows: Blob | null; count: number }[];
  /** The tables a TRUNCATE of each must take with it: itself and those that reference it by foreign key, directly or not. */
  truncatedWith: Map<string, string[]>;
  /** The newest transaction id when the rows were as above: a row written since has an xmin above it. */
  since: string;
  /** Each sequence's setval arguments. */
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  /** The catalogs' fingerprint as the database was handed out: opened from the template, or put back. */
  structure: string;
}

interface Kept {
  pglite: PGlite;
  pristine: Pristine;
  leased: boolean;
}

const kept = new Map<string, Kept>();

const OWN = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;

/**
 * The system catalogs that hold what the database is made of (tables, columns, defaults,
 * constraints, indexes, views, functions, triggers, types and enum labels, sequences, schemas,
 * extensions, policies, per-database and per-role settings, roles).
 */
const CATALOGS = ['pg_class', 'pg_attribute', 'pg_attrdef', 'pg_constraint', 'pg_index', 'pg_rewrite', 'pg_proc', 'pg_trigger', 'pg_type', 'pg_enum', 'pg_sequence', 'pg_namespace', 'pg_extension', 'pg_policy', 'pg_db_role_setting', 'pg_authid'];

/** The session's schemas for temporary tables, made on first use and kept (DISCARD ALL drops the tables in them). */
const TEMPORARY_SCHEMAS_LEFT_OUT = ` where nspname not like 'pg\\_temp\\_%' and nspname not like 'pg\\_toast\\_temp\\_%'`;

/**
 * Each catalog's row count and the sum of its rows' xmin (the transaction that wrote each row
 * version). Any change a file makes to the structure inserts, updates or deletes catalog rows, and
 * every row version written since has an xmin above all those already there: so either the count
 * changes or, with as many rows written as gone, the sum rises. A change undone (a table made and
 * dropped) leaves both as they were, as it leaves the structure. ~19 ms where a digest of every
 * object's definition took ~64 ms; taken again after each put-back, whose TRUNCATE writes new
 * pg_class rows.
 */
const FINGERPRINT = `select ${CATALOGS.map(
  (c) => `(select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from pg_catalog.${c}${c === 'pg_namespace' ? TEMPORARY_SCHEMAS_LEFT_OUT : ''})`,
).join(` || ' ' || `)} as fingerprint`;

/** The catalogs' fingerprint (exported for its test). */
export async function structureOf(pglite: Pick<PGlite, 'query'>): Promise<string> {
  return (await pglite.query<{ fingerprint: string }>(FINGERPRINT)).rows[0]!.fingerprint;
}

/** What a database just opened from the template holds. */
async function pristineOf(pglite: PGlite): Promise<Pristine> {
  const names = await pglite.query<{ name: string }>(`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${OWN} and c.relkind in ('r', 'p') order by 1`);
  const tables: Pristine['tables'] = [];
  for (const { name } of names.rows) {
    const copied = await pglite.query(`copy ${name} to '/dev/blob' (format binary)`);
    tables.push({ name, rows: copied.affectedRows ? copied.blob! : null, count: copied.affectedRows ?? 0 });
  }
  const references = await pglite.query<{ referenced: string; referencing: string }>(`
    select distinct format('%I.%I', rn.nspname, r.relname) as referenced, format('%I.%I', n.nspname, c.relname) as referencing
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
    join pg_class r on r.oid = k.confrelid join pg_namespace rn on rn.oid = r.relnamespace where k.contype = 'f'`);
  const truncatedWith = new Map<string, string[]>();
  for (const { name } of tables) {
    const found = new Set([name]);
    for (const next of found) for (const r of references.rows) if (r.referenced === next) found.add(r.referencing);
    truncatedWith.set(name, [...found]);
  }
  const sequenceNames = await pglite.query<{ name: string }>(`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${OWN} and c.relkind = 'S' order by 1`);
  const sequences: Pristine['sequences'] = [];
  for (const { name } of sequenceNames.rows) {
    const { rows } = await pglite.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${name}`);
    sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return { tables, truncatedWith, since: await currentTransactionId(pglite), sequences, structure: await structureOf(pglite) };
}

/** The id of the transaction being run (given one if it has none): rows written later have a higher xmin. */
async function currentTransactionId(pglite: Pick<PGlite, 'query'>): Promise<string> {
  return (await pglite.query<{ xid: string }>('select txid_current()::text as xid')).rows[0]!.xid;
}

/**
 * The tables whose rows a file changed: a row count other than the pristine one (rows deleted or
 * added), or a row written since the pristine rows were (an insert or an update: each writes a row
 * version with a newer xmin). Rows written by a transaction rolled back are not seen, as they are
 * not there. One statement over every table: ~3 ms where truncating them all took ~70 ms.
 */
async function changedTables(pglite: PGlite, pristine: Pristine): Promise<string[]> {
  if (!pristine.tables.length) return [];
  const checks = pristine.tables.map(
    ({ name, count }, i) => `select ${i} as i where (select count(*) <> ${count} or coalesce(max(xmin::text::bigint), 0) > ${pristine.since} from ${name})`,
  );
  const { rows } = await pglite.query<{ i: number }>(checks.join(' union all '));
  return rows.map((r) => pristine.tables[r.i]!.name);
}

/** Puts the database back as the template made it; false if a file changed its structure. */
async function putBack({ pglite, pristine }: Kept): Promise<boolean> {
  await pglite.exec('rollback'); // a transaction a file left open (a warning when there is none)
  await pglite.exec('discard all'); // settings, prepared statements, temporary tables, locks, listeners
  if ((await structureOf(pglite)) !== pristine.structure) return false;
  // The tables changed, and those that reference them (TRUNCATE takes both or neither).
  const restore = new Set((await changedTables(pglite, pristine)).flatMap((name) => pristine.truncatedWith.get(name)!));
  await pglite.transaction(async (tx) => {
    // Rows as they were, with no trigger or foreign key check run over them (they were consistent).
    await tx.exec(`set local session_replication_role = replica`);
    if (restore.size) await tx.exec(`truncate ${[...restore].join(', ')}`);
    for (const table of pristine.tables) if (table.rows && restore.has(table.name)) await tx.query(`copy ${table.name} from '/dev/blob' (format binary)`, [], { blob: table.rows });
    for (const s of pristine.sequences) await tx.query(`select setval($1::regclass, $2::bigint, $3)`, [s.name, s.lastValue, s.isCalled]);
    pristine.since = await currentTransactionId(tx); // the rows just copied back have this xmin, and are pristine
  });
  if (restore.size) pristine.structure = await structureOf(pglite); // TRUNCATE gives tables new files: new pg_class rows
  return true;
}

function lease(entry: Kept): DatabaseHandle {
  entry.leased = true;
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite: entry.pglite }) });
  let closed: Promise<void> | undefined;
  const close = async () => {
    await db.destroy();
    entry.leased = false;
  };
  return { db, kind: 'pglite', pglite: entry.pglite, close: () => (closed ??= close()) };
}

/**
 * A database as the template `key` makes it: the one this worker keeps for it, put back, when it
 * is free; else one `open` makes (kept, if none is, for the files after).
 */
export async function keptDatabase(key: string, open: () => Promise<DatabaseHandle>): Promise<DatabaseHandle> {
  const entry = kept.get(key);
  if (entry && !entry.leased) {
    if (await putBack(entry).catch(() => false)) return lease(entry);
    kept.delete(key);
    await entry.pglite.close();
  }
  const handle = await open();
  if (kept.has(key)) return handle; // the kept one is in use: this file has a second database, not kept
  const pglite = handle.pglite!;
  await handle.db.destroy(); // leaves the PGlite open: the lease has a Kysely of its own
  const fresh: Kept = { pglite, pristine: await pristineOf(pglite), leased: false };
  kept.set(key, fresh);
  return lease(fresh);
}
