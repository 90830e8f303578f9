/** Install, uninstall and reinstall: the history sync is queued once per installation. */
import { afterAll, describe, expect, it } from "vitest";
import prisma from "../app/db.server";
import { eraseShop, recordInstall, recordUninstall } from "../app/services/shop-lifecycle.server";

const shop = "lifecycle.myshopify.com";
afterAll(() => eraseShop(shop));

describe("shop lifecycle", () => {
  it("queues one history sync per installation, and again after a reinstall within the grace period", async () => {
    await eraseShop(shop);
    await recordInstall(shop);
    await recordInstall(shop); // every OAuth / token exchange calls afterAuth again
    expect(await prisma.syncRun.count({ where: { shop } })).toBe(1);
    // The first sync finishes; logging in again does not start another.
    await prisma.syncRun.updateMany({ where: { shop }, data: { status: "completed" } });
    await recordInstall(shop);
    expect(await prisma.syncRun.count({ where: { shop } })).toBe(1);

    await new Promise((r) => setTimeout(r, 5)); // installedAt must move past the first run's start
    await recordUninstall(shop, new Date());
    expect((await prisma.shop.findUniqueOrThrow({ where: { shop } })).purgeAfter).not.toBeNull();
    await recordInstall(shop);
    // Orders placed while the app was uninstalled only come back through a new history sync.
    expect(await prisma.syncRun.count({ where: { shop } })).toBe(2);
    expect(await prisma.shop.findUniqueOrThrow({ where: { shop } })).toMatchObject({ uninstalledAt: null, purgeAfter: null });
  });
});
