/**
 * Driver adapters for the Prisma 6.19 JS schema engine (CLI only; the app uses app/db.server.ts).
 * Each wrapper fixes one verified adapter bug; see docs/decisions/0002-prisma-driver-adapters.md.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { postgresConfig, sqlitePath } from "./database-url";

type ShadowAware = { connectToShadowDb(): Promise<Adapter> };
type Adapter = {
  executeRaw(q: { sql: string; args: unknown[] }): Promise<number>;
  executeScript(script: string): Promise<void>;
  dispose(): Promise<void>;
};

/** More than one SQL statement (ignoring a trailing semicolon)? */
function isMultiStatement(sql: string): boolean {
  return sql.trim().replace(/;\s*$/, "").includes(";");
}

/**
 * SQLite shadow DB: the engine replays multi-statement migration files through `executeRaw`,
 * which better-sqlite3 rejects (P3006 "External error id#0"); route those to `executeScript`.
 */
function withScriptSafeShadow<T extends ShadowAware>(factory: T): T {
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const shadow = await connectToShadowDb();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (q) =>
      q.args.length === 0 && isMultiStatement(q.sql) ? (await shadow.executeScript(q.sql), 0) : executeRaw(q);
    return shadow;
  };
  return factory;
}

export function sqliteMigrationAdapter(url: string) {
  const factory = new PrismaBetterSQLite3({ url: sqlitePath(url) });
  withScriptSafeShadow(factory as unknown as ShadowAware);
  return factory;
}

let pgPatched = false;
/**
 * adapter-pg cannot map the catalog types `name` (oid 19) and `"char"` (oid 18) that the schema
 * engine reads (prisma/orm#27403): report them as text. Patched once, CLI process only.
 */
function reportCatalogTypesAsText() {
  if (pgPatched) return;
  pgPatched = true;
  const TEXT = 25;
  const fix = (result: unknown) => {
    for (const r of Array.isArray(result) ? result : [result]) {
      const fields = (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
      fields?.forEach((f) => {
        if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = TEXT;
      });
    }
    return result;
  };
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const cbIndex = args.findIndex((a) => typeof a === "function");
    if (cbIndex >= 0) {
      const cb = args[cbIndex] as (err: unknown, res: unknown) => void;
      args[cbIndex] = (err: unknown, res: unknown) => cb(err, err ? res : fix(res));
      return query.apply(this, args);
    }
    const out = query.apply(this, args) as { then?: unknown };
    return typeof out?.then === "function" ? (out as Promise<unknown>).then(fix) : out;
  };
}

/**
 * PostgreSQL shadow DB: adapter-pg drops the shadow database while its own pool is still
 * connected ("being accessed by other users"); close the pool first, then drop.
 */
export function postgresMigrationAdapter(url: string) {
  reportCatalogTypesAsText();
  const config = postgresConfig(url);
  const pgFactory = new PrismaPg(config);
  const factory = pgFactory as unknown as ShadowAware & { connect(): Promise<Adapter> };
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const database = `prisma_shadow_${globalThis.crypto.randomUUID().replace(/-/g, "")}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const pool = new pg.Pool({ ...config, database });
    const shadow = (await new PrismaPg(pool).connect()) as unknown as Adapter;
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return pgFactory;
}
