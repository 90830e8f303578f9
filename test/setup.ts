import { afterAll } from "vitest";

// Only files that touched the database opened a client; close it so workers exit (pg pools keep them alive).
afterAll(async () => {
  await globalThis.__secondOrderPrisma?.$disconnect();
});
