/** Shared by the app and the Prisma CLI config: which database a DATABASE_URL names. */
export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL); got "${url.split(":")[0]}:…"`,
  );
}

/** SQLite file path from a `file:` URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

/**
 * Discrete pg connection fields. adapter-pg spreads its config into new pools (e.g. the shadow
 * database); with a `connectionString` the string would override `database` and hit the main DB.
 */
export function postgresConfig(url: string) {
  const u = new URL(url);
  const ssl = u.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(u.hostname) || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, "")),
    ssl: ssl && ssl !== "disable" ? { rejectUnauthorized: ssl === "verify-full" } : undefined,
  };
}
