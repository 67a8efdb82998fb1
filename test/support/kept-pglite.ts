// One embedded database a storage worker keeps, per template, and hands to file after file, put
// back between them to exactly what the template holds: every table's rows (binary COPY, in the
// order they were stored), every sequence's position, and a session as new (DISCARD ALL). Opening
// a PGlite is ~0.25-0.35 s of CPU (its WebAssembly memory, the template's files, Postgres's start);
// putting one back is a few tens of ms. A database whose structure a file changed (a table, column,
// constraint, index, function, view, type, schema or setting: checked against the template's
// fingerprint) is not put back but closed, and the next file gets a new one.
//
// Each file gets a Kysely of its own over the kept PGlite, destroyed when the file closes it: a
// query left running after the file ends fails as it would on a closed database, and never reaches
// the next file's.
import type { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import type { Database, DatabaseHandle } from '../../src/db/database.ts';
import { PGliteDialect } from '../../src/db/pglite-dialect.ts';

interface Pristine {
  /** Every table of the database's own schemas, quoted, with its rows when it has any. */
  tables: { name: string; rows: Blob | null }[];
  /** Each sequence's setval arguments. */
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
  structure: string;
}

interface Kept {
  pglite: PGlite;
  pristine: Pristine;
  leased: boolean;
}

const kept = new Map<string, Kept>();

const OWN = `n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;

/** What the database is made of, as one digest: any change a file makes to it shows here. */
const STRUCTURE = `
  select md5(string_agg(x, E'\\n' order by x)) as digest from (
    select 'schema ' || n.nspname as x from pg_namespace n where ${OWN}
    union all
    select format('rel %s.%s %s %s', n.nspname, c.relname, c.relkind, c.relpersistence) || coalesce((
      select string_agg(format('%s %s %s %s %s', a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid)), ', ' order by a.attnum)
      from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '')
      || case when c.relkind in ('v', 'm') then ' ' || pg_get_viewdef(c.oid) else '' end
    from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${OWN}
    union all
    select format('constraint %s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace where ${OWN}
    union all
    select 'index ' || pg_get_indexdef(i.indexrelid)
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace where ${OWN}
    union all
    select format('function %s %s', p.oid::regprocedure, md5(pg_get_functiondef(p.oid)))
    from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${OWN} and p.prokind in ('f', 'p')
    union all
    select format('trigger %s %s', t.tgrelid::regclass, pg_get_triggerdef(t.oid)) from pg_trigger t where not t.tgisinternal
    union all
    select format('type %s.%s %s %s', n.nspname, t.typname, t.typtype, (select string_agg(e.enumlabel, ',' order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid))
    from pg_type t join pg_namespace n on n.oid = t.typnamespace where ${OWN} and t.typtype in ('e', 'd', 'c') and t.typrelid = 0
    union all
    select 'extension ' || extname || ' ' || extversion from pg_extension
    union all
    select 'setting ' || array_to_string(setconfig, ',') from pg_db_role_setting
    union all
    select 'role ' || rolname from pg_roles
  ) y`;

async function structureOf(pglite: PGlite): Promise<string> {
  return (await pglite.query<{ digest: string }>(STRUCTURE)).rows[0]!.digest;
}

/** What a database just opened from the template holds. */
async function pristineOf(pglite: PGlite): Promise<Pristine> {
  const names = await pglite.query<{ name: string }>(`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${OWN} and c.relkind in ('r', 'p') order by 1`);
  const tables: Pristine['tables'] = [];
  for (const { name } of names.rows) {
    const copied = await pglite.query(`copy ${name} to '/dev/blob' (format binary)`);
    tables.push({ name, rows: copied.affectedRows ? copied.blob! : null });
  }
  const sequenceNames = await pglite.query<{ name: string }>(`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where ${OWN} and c.relkind = 'S' order by 1`);
  const sequences: Pristine['sequences'] = [];
  for (const { name } of sequenceNames.rows) {
    const { rows } = await pglite.query<{ last_value: string; is_called: boolean }>(`select last_value::text, is_called from ${name}`);
    sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  return { tables, sequences, structure: await structureOf(pglite) };
}

/** Puts the database back as the template made it; false if a file changed its structure. */
async function putBack({ pglite, pristine }: Kept): Promise<boolean> {
  await pglite.exec('rollback'); // a transaction a file left open (a warning when there is none)
  await pglite.exec('discard all'); // settings, prepared statements, temporary tables, locks, listeners
  if ((await structureOf(pglite)) !== pristine.structure) return false;
  await pglite.transaction(async (tx) => {
    // Rows as they were, with no trigger or foreign key check run over them (they were consistent).
    await tx.exec(`set local session_replication_role = replica`);
    if (pristine.tables.length) await tx.exec(`truncate ${pristine.tables.map((t) => t.name).join(', ')}`);
    for (const table of pristine.tables) if (table.rows) await tx.query(`copy ${table.name} from '/dev/blob' (format binary)`, [], { blob: table.rows });
    for (const s of pristine.sequences) await tx.query(`select setval($1::regclass, $2::bigint, $3)`, [s.name, s.lastValue, s.isCalled]);
  });
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
