/**
 * Prisma error checks by code, not `instanceof`: the SQLite and PostgreSQL clients are generated
 * separately and each has its own error classes.
 */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
