/**
 * Bulk upsert of orders, below Prisma: Prisma's createMany costs ~0.6 ms a row on the driver
 * adapters, far from the 20,000 orders/s a history import needs. SQLite gets one prepared
 * multi-row statement in a transaction per batch (WAL); PostgreSQL one INSERT … SELECT FROM unnest(…) per batch.
 * Upserts keep the newer version: a row is only replaced by one with an equal or later updatedAt,
 * so replays and out-of-order deliveries converge. Every row carries its shop.
 */
import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import pg from "pg";
import { databaseKind, postgresConfig, sqlitePath } from "../../prisma/database-url";
import { env } from "../env.server";
import { executeOn, type SqliteExecutor } from "./bulk-writer.server";

export interface OrderRow {
  shop: string;
  id: string;
  name: string | null;
  customerId: string | null;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
  channel: string;
  currency: string;
  totalPrice: number;
  shippingSpeed: string;
  carrier: string | null;
  data: string;
}

export interface StoredOrder {
  name: string | null;
  data: string;
}

export interface OrderWriter {
  /** Inserts or updates (when not older) each row; returns how many rows were written. */
  upsert(rows: OrderRow[]): Promise<number>;
  /** Stored `name` and `data` of these orders of one shop (missing ones are absent from the map). */
  read(shop: string, ids: readonly string[]): Promise<Map<string, StoredOrder>>;
  /**
   * SQLite: the writer's connection, for other bulk writes of the same import (the ordersChanged
   * hooks): on the worker they neither wait for its lock nor block the importing thread, and its
   * page cache stays warm (PostgreSQL: absent).
   */
  sqlite?: SqliteExecutor;
  close(): Promise<void>;
}

const COLUMNS = ["shop", "id", "name", "customerId", "createdAt", "updatedAt", "cancelledAt", "channel", "currency", "totalPrice", "shippingSpeed", "carrier", "data"] as const;
const UPDATABLE = COLUMNS.filter((c) => c !== "shop" && c !== "id");
const quoted = (c: string) => `"${c}"`;

/** Upsert of `rows` rows in one statement (SQLite takes up to 32,766 parameters). */
const upsertSql = (rows: number) => `INSERT INTO "Order" (${COLUMNS.map(quoted).join(",")}) VALUES ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => "?").join(",")})`).join(",")}
  ON CONFLICT("shop","id") DO UPDATE SET ${UPDATABLE.map((c) => `${quoted(c)}=excluded.${quoted(c)}`).join(",")}
  WHERE excluded."updatedAt" >= "Order"."updatedAt"`;
/**
 * Rows per multi-row INSERT: one statement call per 64 rows instead of per row cut the writer's
 * CPU by ~40% (50k orders, profiled). A conflict within one statement (the same id twice) still resolves
 * in row order, as separate statements would.
 */
const ROWS_PER_STATEMENT = 64;
/**
 * Page cache of the import's writer (negative: KiB): 64 MiB instead of SQLite's 2 MiB. The
 * (shop, customerId) index takes rows in random order; with the default cache the writer's CPU
 * per order doubled from 50k to 200k orders and it became the bottleneck (64 MiB: -27%, profiled).
 */
const IMPORT_CACHE_SIZE = -65_536;
/**
 * WAL pages before the import's writer copies them into the file (default 1,000, ~4 MiB): fewer
 * checkpoints rewrite the same index pages less often (-13% CPU on 200k orders). The WAL may
 * grow to ~64 MiB during an import; the next checkpoint (any connection's commit) shrinks its use.
 */
const IMPORT_WAL_PAGES = 16_384;
const UPSERT_SQL = upsertSql(1);
const UPSERT_MANY_SQL = upsertSql(ROWS_PER_STATEMENT);
const SELECT_SQL = `SELECT "id", "name", "data" FROM "Order" WHERE "shop" = ? AND "id" IN (SELECT value FROM json_each(?))`;

/** Columns holding dates: passed as epoch ms, written in Prisma's text form by writeFlatParams. */
const DATE_COLUMNS = ["createdAt", "updatedAt", "cancelledAt"].map((c) => COLUMNS.indexOf(c as (typeof COLUMNS)[number]));

/** Rows as one flat parameter list, COLUMNS.length per row (dates as epoch ms or null). */
function sqliteParams(rows: OrderRow[]): unknown[] {
  const params: unknown[] = [];
  for (const r of rows) {
    params.push(
      r.shop, r.id, r.name, r.customerId, r.createdAt.getTime(), r.updatedAt.getTime(), r.cancelledAt?.getTime() ?? null,
      r.channel, r.currency, r.totalPrice, r.shippingSpeed, r.carrier, r.data,
    );
  }
  return params;
}

/**
 * Writes flat parameters (COLUMNS.length per row) in one transaction, ROWS_PER_STATEMENT rows a
 * statement; the `dates` columns come as epoch ms and are stored in the text form Prisma's SQLite
 * adapter reads and writes (`2026-01-02T03:04:05.000+00:00`), converted here (on the
 * writer's thread: the importing thread is the busier one). Also the worker's code (as source
 * text): keep it free of outer references.
 */
function writeFlatParams(
  one: { run(params: unknown[]): { changes: number } },
  many: { run(params: unknown[]): { changes: number } },
  params: unknown[],
  width: number,
  perStatement: number,
  dates: readonly number[],
): number {
  for (let row = 0; row < params.length; row += width) {
    for (const c of dates) {
      const ms = params[row + c];
      if (typeof ms === "number") params[row + c] = new Date(ms).toISOString().replace("Z", "+00:00");
    }
  }
  let changed = 0;
  const chunk = width * perStatement;
  let i = 0;
  for (; i + chunk <= params.length; i += chunk) changed += many.run(params.slice(i, i + chunk)).changes;
  for (; i < params.length; i += width) changed += one.run(params.slice(i, i + width)).changes;
  return changed;
}

function toStored(rows: { id: string; name: string | null; data: string }[]): Map<string, StoredOrder> {
  const found = new Map<string, StoredOrder>();
  for (const r of rows) found.set(r.id, { name: r.name, data: r.data });
  return found;
}

function openSqlite(path: string): Database.Database {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 10000");
  return db;
}

function sqliteWriter(url: string): OrderWriter {
  const db = openSqlite(sqlitePath(url));
  const one = db.prepare(UPSERT_SQL);
  const many = db.prepare(UPSERT_MANY_SQL);
  const writeBatch = db.transaction((rows: OrderRow[]) => writeFlatParams(one, many, sqliteParams(rows), COLUMNS.length, ROWS_PER_STATEMENT, DATE_COLUMNS));
  const select = db.prepare(SELECT_SQL);
  return {
    // IMMEDIATE: wait for the write lock up front; a deferred transaction fails at once (SQLITE_BUSY)
    // when another connection committed between its first read and first write.
    upsert: async (rows) => writeBatch.immediate(rows),
    read: async (shop, ids) => (ids.length ? toStored(select.all(shop, JSON.stringify(ids)) as { id: string; name: string | null; data: string }[]) : new Map()),
    sqlite: executeOn(db),
    close: async () => void db.close(),
  };
}

/**
 * The same writer on a worker thread, for imports: SQLite's work (B-tree inserts, WAL) then
 * overlaps the parsing and mapping of the next batch on the main thread. Requests are handled in
 * order, so a read sees every write sent before it. Plain JavaScript source: it runs unbundled.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 10000");
db.pragma("cache_size = " + workerData.cacheSize);
db.pragma("wal_autocheckpoint = " + workerData.walPages);
const one = db.prepare(workerData.upsertSql);
const many = db.prepare(workerData.upsertManySql);
const select = db.prepare(workerData.selectSql);
const writeFlatParams = ${writeFlatParams.toString()};
const write = db.transaction((params) => writeFlatParams(one, many, params, workerData.width, workerData.perStatement, workerData.dates));
const statements = new Map();
const prepared = (sql) => statements.get(sql) || statements.set(sql, db.prepare(sql)).get(sql);
const runEach = db.transaction((sql, lists) => { const stmt = prepared(sql); return lists.map((p) => stmt.run(...p).changes); });
parentPort.on("message", (m) => {
  try {
    if (m.op === "upsert") parentPort.postMessage({ id: m.id, result: write.immediate(m.params) });
    else if (m.op === "read") parentPort.postMessage({ id: m.id, result: select.all(m.shop, m.ids) });
    else if (m.op === "runEach") parentPort.postMessage({ id: m.id, result: m.lists.length ? runEach.immediate(m.sql, m.lists) : [] });
    else if (m.op === "all") parentPort.postMessage({ id: m.id, result: prepared(m.sql).all(...m.params) });
    else { db.close(); parentPort.postMessage({ id: m.id, result: null }); }
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String((error && error.message) || error) });
  }
});
`;

function sqliteWorkerWriter(url: string): OrderWriter {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve("better-sqlite3"),
      path: sqlitePath(url),
      upsertSql: UPSERT_SQL,
      upsertManySql: UPSERT_MANY_SQL,
      selectSql: SELECT_SQL,
      width: COLUMNS.length,
      perStatement: ROWS_PER_STATEMENT,
      dates: DATE_COLUMNS,
      cacheSize: IMPORT_CACHE_SIZE,
      walPages: IMPORT_WAL_PAGES,
    },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 0;
  let failed: Error | null = null;
  const failAll = (error: Error) => {
    failed = error;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  worker.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(`SQLite order writer: ${m.error}`));
    else p?.resolve(m.result);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`SQLite order writer stopped (exit ${code})`)));
  const request = <T>(message: Record<string, unknown>): Promise<T> => {
    if (failed) return Promise.reject(failed);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  };
  return {
    upsert: async (rows) => (rows.length ? request<number>({ op: "upsert", params: sqliteParams(rows) }) : 0),
    read: async (shop, ids) =>
      ids.length ? toStored(await request<{ id: string; name: string | null; data: string }[]>({ op: "read", shop, ids: JSON.stringify(ids) })) : new Map(),
    sqlite: {
      runEach: (sql, lists) => request<number[]>({ op: "runEach", sql, lists }),
      all: (sql, params) => request<Record<string, unknown>[]>({ op: "all", sql, params }),
    },
    close: async () => {
      if (!failed) await request({ op: "close" }).catch(() => undefined);
      await worker.terminate();
    },
  };
}

const PG_TYPES: Record<(typeof COLUMNS)[number], string> = {
  shop: "text", id: "text", name: "text", customerId: "text", createdAt: "timestamp(3)", updatedAt: "timestamp(3)",
  cancelledAt: "timestamp(3)", channel: "text", currency: "text", totalPrice: "float8", shippingSpeed: "text", carrier: "text", data: "text",
};

/**
 * PostgreSQL refuses a statement that updates one row twice ("ON CONFLICT DO UPDATE command cannot
 * affect row a second time"): of an order given twice, keep the version SQLite's row-by-row upsert
 * ends with (the latest updatedAt; on a tie, the later row).
 */
function lastVersions(rows: OrderRow[]): OrderRow[] {
  const byKey = new Map<string, OrderRow>();
  for (const r of rows) {
    const key = `${r.shop}\u0000${r.id}`;
    const kept = byKey.get(key);
    if (!kept || r.updatedAt.getTime() >= kept.updatedAt.getTime()) byKey.set(key, r);
  }
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

function postgresWriter(url: string): OrderWriter {
  const pool = new pg.Pool({ ...postgresConfig(url), max: 2 });
  const sql = `INSERT INTO "Order" (${COLUMNS.map(quoted).join(",")})
    SELECT * FROM unnest(${COLUMNS.map((c, i) => `$${i + 1}::${PG_TYPES[c]}[]`).join(",")})
    ON CONFLICT ("shop","id") DO UPDATE SET ${UPDATABLE.map((c) => `${quoted(c)}=EXCLUDED.${quoted(c)}`).join(",")}
    WHERE EXCLUDED."updatedAt" >= "Order"."updatedAt"`;
  // Prisma maps DateTime to timestamp(3) without time zone, holding UTC.
  const utc = (d: Date | null) => (d === null ? null : d.toISOString().replace("Z", ""));
  return {
    upsert: async (rows) => {
      if (!rows.length) return 0;
      rows = lastVersions(rows);
      const columns = COLUMNS.map((c) =>
        rows.map((r) => (r[c] instanceof Date ? utc(r[c] as Date) : c === "cancelledAt" ? utc(r.cancelledAt) : r[c])),
      );
      const res = await pool.query(sql, columns);
      return res.rowCount ?? 0;
    },
    read: async (shop, ids) => {
      const found = new Map<string, StoredOrder>();
      if (!ids.length) return found;
      const res = await pool.query<{ id: string; name: string | null; data: string }>(
        `SELECT "id", "name", "data" FROM "Order" WHERE "shop" = $1 AND "id" = ANY($2::text[])`,
        [shop, ids],
      );
      for (const r of res.rows) found.set(r.id, { name: r.name, data: r.data });
      return found;
    },
    close: () => pool.end(),
  };
}

/** `background`: on SQLite, write on a worker thread (bulk imports); PostgreSQL is asynchronous anyway. */
export function openOrderWriter(url = env().DATABASE_URL, options: { background?: boolean } = {}): OrderWriter {
  if (databaseKind(url) === "postgresql") return postgresWriter(url);
  return options.background ? sqliteWorkerWriter(url) : sqliteWriter(url);
}
