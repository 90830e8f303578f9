/**
 * Bulk upsert of rows below Prisma, for tables written by the thousand (customer profiles after a
 * full analysis): Prisma's createMany costs ~0.6 ms a row on the driver adapters (decision 0002).
 * SQLite: one prepared statement in a transaction per batch; PostgreSQL: one
 * INSERT … SELECT FROM unnest(…) per batch. A conflicting key replaces every non-key column
 * (`upsert`) or keeps the stored row (`insertNew`, which says which rows were new).
 */
import Database from "better-sqlite3";
import pg from "pg";
import { databaseKind, postgresConfig, sqlitePath } from "../../prisma/database-url";
import { env } from "../env.server";

export type ColumnType = "text" | "int" | "float" | "timestamp" | "bool";

export interface BulkTable<R> {
  table: string;
  /** Column name → type, in insertion order. */
  columns: { [K in keyof R & string]: ColumnType };
  key: readonly (keyof R & string)[];
}

export interface BulkWriter<R> {
  upsert(rows: readonly R[]): Promise<number>;
  /** Inserts the rows whose key is not stored yet (stored ones are left as they are); returns those rows. */
  insertNew(rows: readonly R[]): Promise<R[]>;
  /**
   * Rows whose `column` is one of `values` and that equal `where` on its columns, in one query
   * whatever the number of values (a JSON array on SQLite, an array parameter on PostgreSQL).
   */
  selectIn(where: Partial<R>, column: keyof R & string, values: readonly unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

const PG_TYPES: Record<ColumnType, string> = { text: "text", int: "int4", float: "float8", timestamp: "timestamp(3)", bool: "bool" };
const quoted = (c: string) => `"${c}"`;
/** The text form Prisma's SQLite adapter stores DateTime in, so both read each other's rows. */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");
/** Prisma maps DateTime to timestamp(3) without time zone, holding UTC. */
const pgDate = (d: Date) => d.toISOString().replace("Z", "");

function plan<R>(spec: BulkTable<R>) {
  const names = Object.keys(spec.columns) as (keyof R & string)[];
  const updatable = names.filter((c) => !spec.key.includes(c));
  return { names, updatable };
}

/**
 * Where a SQLite writer's SQL runs: its own connection, or one it shares (an import's order writer
 * on its worker thread, see order-writer.server.ts). Each call is one IMMEDIATE transaction.
 */
export interface SqliteExecutor {
  /** Runs `sql` once per parameter list, in one transaction; returns each run's changed rows. */
  runEach(sql: string, paramLists: readonly unknown[][]): Promise<number[]>;
  all(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * WAL pages before this connection's commit copies the WAL into the file (SQLite's default: 1,000).
 * These writers run beside an import's order writer, which lets its WAL grow to 16,384 pages
 * (order-writer.server.ts): with the default, every small write here checkpointed that whole WAL
 * synchronously on the importing thread (the preference hook took 2-3x longer, measured).
 */
const WAL_PAGES = 16_384;

/** Runs on `db` in this thread (statements prepared once per SQL text). */
export function executeOn(db: Database.Database): SqliteExecutor {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  // IMMEDIATE: take the write lock up front, waiting for it (busy_timeout). A deferred transaction
  // whose first write finds another connection's newer commit fails at once with SQLITE_BUSY
  // ("database is locked"): seen during imports, whose order writer commits every batch.
  const runEach = db.transaction((sql: string, paramLists: readonly unknown[][]) => {
    const stmt = prepared(sql);
    return paramLists.map((params) => stmt.run(...params).changes);
  });
  return {
    runEach: async (sql, paramLists) => (paramLists.length ? runEach.immediate(sql, paramLists) : []),
    all: async (sql, params) => prepared(sql).all(...params) as Record<string, unknown>[],
  };
}

function openSqliteConnection(url: string): Database.Database {
  const db = new Database(sqlitePath(url));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  db.pragma(`wal_autocheckpoint = ${WAL_PAGES}`);
  return db;
}

function sqliteWriter<R>(spec: BulkTable<R>, url: string, shared?: SqliteExecutor): BulkWriter<R> {
  const { names, updatable } = plan(spec);
  const db = shared ? null : openSqliteConnection(url);
  const sql: SqliteExecutor = shared ?? executeOn(db!);
  const insert = `INSERT INTO ${quoted(spec.table)} (${names.map(quoted).join(",")}) VALUES (${names.map(() => "?").join(",")})`;
  const upsertSql = `${insert} ON CONFLICT(${spec.key.map(quoted).join(",")}) DO UPDATE SET ${updatable.map((c) => `${quoted(c)}=excluded.${quoted(c)}`).join(",")}`;
  const insertNewSql = `${insert} ON CONFLICT(${spec.key.map(quoted).join(",")}) DO NOTHING`;
  // better-sqlite3 binds no booleans; Prisma stores them as 0/1 on SQLite.
  const value = (v: unknown) => (v instanceof Date ? sqliteDate(v) : typeof v === "boolean" ? Number(v) : v ?? null);
  const params = (rows: readonly R[]) => rows.map((r) => names.map((c) => value(r[c])));
  const fromSqlite = (row: Record<string, unknown>) => {
    for (const c of names) {
      const v = row[c];
      if (v !== null && spec.columns[c] === "timestamp") row[c] = new Date(v as string | number);
      else if (v !== null && spec.columns[c] === "bool") row[c] = v === 1;
    }
    return row as R;
  };
  return {
    upsert: async (rows) => (rows.length ? (await sql.runEach(upsertSql, params(rows))).reduce((a, b) => a + b, 0) : 0),
    insertNew: async (rows) => {
      if (!rows.length) return [];
      const changes = await sql.runEach(insertNewSql, params(rows));
      return rows.filter((_, i) => changes[i] > 0);
    },
    selectIn: async (where, column, values) => {
      if (values.length === 0) return [];
      const filters = Object.keys(where) as (keyof R & string)[];
      const rows = await sql.all(
        `SELECT ${names.map(quoted).join(",")} FROM ${quoted(spec.table)} WHERE ${[...filters.map((c) => `${quoted(c)} = ?`), `${quoted(column)} IN (SELECT value FROM json_each(?))`].join(" AND ")}`,
        [...filters.map((c) => value(where[c])), JSON.stringify(values.map(value))],
      );
      return rows.map(fromSqlite);
    },
    close: async () => void db?.close(),
  };
}

function postgresWriter<R>(spec: BulkTable<R>, url: string): BulkWriter<R> {
  const { names, updatable } = plan(spec);
  const pool = new pg.Pool({ ...postgresConfig(url), max: 2 });
  const insert = `INSERT INTO ${quoted(spec.table)} (${names.map(quoted).join(",")})
    SELECT * FROM unnest(${names.map((c, i) => `$${i + 1}::${PG_TYPES[spec.columns[c]]}[]`).join(",")})`;
  const sql = `${insert} ON CONFLICT (${spec.key.map(quoted).join(",")}) DO UPDATE SET ${updatable.map((c) => `${quoted(c)}=EXCLUDED.${quoted(c)}`).join(",")}`;
  const value = (v: unknown) => (v instanceof Date ? pgDate(v) : v ?? null);
  const columns = (rows: readonly R[]) => names.map((c) => rows.map((r) => value(r[c])));
  // The keys of the inserted rows come back; the input rows with those keys are the new ones.
  const insertNewSql = `${insert} ON CONFLICT (${spec.key.map(quoted).join(",")}) DO NOTHING RETURNING ${spec.key.map(quoted).join(",")}`;
  return {
    upsert: async (rows) => {
      if (!rows.length) return 0;
      const res = await pool.query(sql, columns(rows));
      return res.rowCount ?? 0;
    },
    insertNew: async (rows) => {
      if (!rows.length) return [];
      const res = await pool.query<Record<string, unknown>>(insertNewSql, columns(rows));
      const keyOf = (r: Record<string, unknown>) => JSON.stringify(spec.key.map((k) => String(r[k])));
      const inserted = new Set(res.rows.map(keyOf));
      return rows.filter((r) => inserted.delete(keyOf(r as Record<string, unknown>)));
    },
    selectIn: async (where, column, values) => {
      if (values.length === 0) return [];
      const filters = Object.keys(where) as (keyof R & string)[];
      // Timestamps as text: pg would read a zone-less timestamp in the process's zone, not UTC.
      const select = names.map((c) => (spec.columns[c] === "timestamp" ? `${quoted(c)}::text AS ${quoted(c)}` : quoted(c)));
      const conditions = [...filters.map((c, i) => `${quoted(c)} = $${i + 1}`), `${quoted(column)} = ANY($${filters.length + 1}::${PG_TYPES[spec.columns[column]]}[])`];
      const res = await pool.query<Record<string, unknown>>(
        `SELECT ${select.join(",")} FROM ${quoted(spec.table)} WHERE ${conditions.join(" AND ")}`,
        [...filters.map((c) => value(where[c])), values.map(value)],
      );
      for (const row of res.rows) {
        for (const c of names) if (row[c] !== null && spec.columns[c] === "timestamp") row[c] = new Date(`${String(row[c]).replace(" ", "T")}Z`);
      }
      return res.rows as R[];
    },
    close: () => pool.end(),
  };
}

/** `sqlite`: on SQLite, run on this executor (an import's order writer) instead of a connection of its own. */
export function openBulkWriter<R>(spec: BulkTable<R>, options: { url?: string; sqlite?: SqliteExecutor } = {}): BulkWriter<R> {
  const url = options.url ?? env().DATABASE_URL;
  return databaseKind(url) === "postgresql" ? postgresWriter(spec, url) : sqliteWriter(spec, url, options.sqlite);
}

/** Writes any number of rows in batches (memory bounded by the batch); returns rows written. */
export async function bulkUpsert<R>(spec: BulkTable<R>, rows: Iterable<R>, batchSize = 1000): Promise<number> {
  const writer = openBulkWriter(spec);
  let batch: R[] = [];
  let total = 0;
  try {
    for (const row of rows) {
      batch.push(row);
      if (batch.length === batchSize) {
        total += await writer.upsert(batch);
        batch = [];
      }
    }
    total += await writer.upsert(batch);
  } finally {
    await writer.close();
  }
  return total;
}
